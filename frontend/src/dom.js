// The only way this page builds DOM: elements and text nodes. User text always goes in as a text node, never
// as markup, so a post, a name or a file name can never run script (FrontendSourceTest bans the markup APIs).

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h('button', {class: 'primary', onclick: fn, 'aria-label': 'Send'}, 'Send', child, [more, children])
 * Props starting with "on" are listeners; `class`, `text`, `value`, `checked`, `disabled`, `hidden` are set as
 * properties; everything else becomes an attribute (null/false leave it out).
 */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

/** The same for SVG elements (the timeline). */
export function s(tag, props, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

function build(el, props, children) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if (key === 'text') {
      el.textContent = value;
    } else if (['value', 'checked', 'disabled', 'hidden', 'selected'].includes(key)) {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) {
      append(el, child);
    } else if (child instanceof Node) {
      el.appendChild(child);
    } else {
      el.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A form's fields as an object of trimmed strings (checkboxes: booleans; multi-checkbox groups: arrays). */
export function formValues(form) {
  const values = {};
  for (const field of form.elements) {
    if (!field.name) continue;
    if (field.type === 'checkbox' && field.dataset.multi !== undefined) {
      values[field.name] = values[field.name] || [];
      if (field.checked) values[field.name].push(field.value);
    } else if (field.type === 'checkbox') {
      values[field.name] = field.checked;
    } else {
      values[field.name] = field.value.trim();
    }
  }
  return values;
}

let idCounter = 0;
/** A unique element id, to tie labels to their controls. */
function uid(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A labelled form control: <label for>…</label><input id>. */
export function field(label, control, hint) {
  const id = control.id || uid('f');
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control,
    hint ? h('small', { class: 'hint' }, hint) : null);
}

/**
 * Scrolls a sideways strip (a phone's groups, a group's tabs) so that its current link, when not wholly in view, is
 * in the middle of it.
 */
export function revealCurrent(strip) {
  const here = strip?.querySelector('[aria-current=page]');
  if (!here || strip.scrollWidth <= strip.clientWidth) return;
  const a = here.getBoundingClientRect();
  const b = strip.getBoundingClientRect();
  const view = { left: Math.max(b.left, 0), right: Math.min(b.right, document.documentElement.clientWidth) };
  if (a.left >= view.left && a.right <= view.right) return;
  strip.scrollLeft += a.left - view.left - (view.right - view.left - a.width) / 2;
}
