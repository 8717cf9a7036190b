// Small pieces several screens share.

import { h, fill, formValues } from './dom.js';
import { clientId } from './api.js';
import { label } from './format.js';
import { t } from './i18n.js';
import { icon } from './icons.js';

export function healthBadge(verdict) {
  return h('span', { class: ['badge', `health-${(verdict || '').toLowerCase().replaceAll('_', '-')}`] },
    label('health', verdict));
}

/** A coloured badge for an enum value: statusBadge('taskStatus', 'BLOCKED'). */
export function statusBadge(kind, value) {
  return h('span', { class: ['badge', `status-${value.toLowerCase().replaceAll('_', '-')}`] }, label(kind, value));
}

/** A place for an error, read out when it changes; put it beside the control whose action it reports. */
export function errorText() {
  return h('div', { class: 'error', role: 'alert', hidden: true });
}

/**
 * Shows `error` (an ApiError, an Error or a text) in `el`, with a button that dismisses it; the error stays until
 * then or until the same action runs again. `onDismiss` runs after the button hid it (a screen that re-renders
 * keeps its errors in its state and forgets this one there). `showError(el, null)` hides it.
 */
export function showError(el, error, onDismiss = null) {
  if (!error) {
    el.hidden = true;
    delete el.dataset.code;
    fill(el);
    return;
  }
  if (error.code) el.dataset.code = error.code; // the problem's stable code, for tests and styles
  fill(el,
    h('span', { class: 'error-text' }, error.explanation || error.message || String(error)),
    h('button', { type: 'button', class: 'icon-button dismiss', title: t('widgets.dismiss'),
      'aria-label': t('widgets.dismiss'),
      onclick: () => {
        showError(el, null);
        onDismiss?.();
      } }, icon('close')));
  el.hidden = false;
}

/**
 * Disabling the focused button sends focus to the page's body, where a keyboard or screen-reader user is lost: the
 * answer puts it back on the control it was on, when that control is still there and nothing else took focus.
 */
function focusKeeper() {
  const was = document.activeElement;
  return () => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost && was && was !== document.body && was.isConnected && !was.disabled) was.focus();
  };
}

/** Runs a form's action with its buttons disabled, showing a refusal in `error`; resolves true on success. */
export async function submitting(form, error, action) {
  const restore = focusKeeper();
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach((b) => { b.disabled = true; });
  showError(error, null);
  try {
    await action();
    return true;
  } catch (e) {
    showError(error, e);
    return false;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
    restore();
  }
}

/**
 * Wires a form that creates something: `create(values, clientId)` runs with the buttons disabled and its
 * refusal shown in `error`. Sending the same values again reuses the client id, so a double submit or a
 * retry after a lost answer creates one thing, not two; changed values are a new request with a new id.
 * The form is cleared after success.
 */
export function onCreate(form, error, create) {
  let id = clientId();
  let tried = null;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values = formValues(form);
    const key = JSON.stringify(values);
    if (tried !== null && tried !== key) id = clientId();
    tried = key;
    if (await submitting(form, error, () => create(values, id))) {
      form.reset();
      id = clientId();
      tried = null;
    }
  });
}

/** Runs a button's action, reporting a refusal in `error`. */
export async function acting(button, error, action) {
  const restore = focusKeeper();
  button.disabled = true;
  showError(error, null);
  try {
    await action();
  } catch (e) {
    showError(error, e);
  } finally {
    button.disabled = false;
    restore();
  }
}

export function presenceDot(online) {
  return h('span', { class: ['dot', online ? 'online' : 'offline'] },
    h('span', { class: 'sr-only' }, online ? t('presence.online') : t('presence.offline')));
}

/** A round avatar with a person's initials, its colour derived from the name (decorative: the name is beside it). */
export function avatar(name, size = 'md') {
  const words = String(name || '?').trim().split(/\s+/u).filter(Boolean);
  const initials = (words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1))
    .map((word) => [...word][0].toUpperCase()).join('') || '?';
  let hash = 0;
  for (const char of String(name || '')) hash = (hash * 31 + char.codePointAt(0)) % 360;
  return h('span', { class: ['avatar', `avatar-${size}`, `avatar-hue-${hash % 8}`], 'aria-hidden': 'true' }, initials);
}

/** A person as they appear in lists: avatar, name and an optional muted line (title, side). */
export function personChip(name, detail = null, size = 'md') {
  return h('span', { class: 'person' }, avatar(name, size),
    h('span', { class: 'person-text' }, h('span', { class: 'person-name' }, name),
      detail ? h('span', { class: 'person-detail' }, detail) : null));
}
