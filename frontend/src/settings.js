// Room settings: where the deal stands (stage, status, decision date, amount), how the room greets the buyer
// (seller's name, welcome message, accent colour, logos) and custom groups, for the owner and the
// decision-makers; my emails from this room and my calendar feed (all my rooms), for everyone.

import { h, fill, field, formValues } from './dom.js';
import { get, patch, put, del, post, ApiError } from './api.js';
import { errorText, showError, submitting, onCreate, acting, avatar } from './widgets.js';
import { ROOM_STAGES } from './events.generated.js';
import { label, dayOf } from './format.js';
import { t, currentLanguage } from './i18n.js';
import { sortedMembers } from './people.js';

const STATUSES = ['OPEN', 'ON_HOLD', 'WON', 'LOST'];
const DECIDED = new Set(['WON', 'LOST']);
const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN'];
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** The settings screen: its sections built once, so a live update never wipes what someone is typing. */
export async function settingsView(session) {
  const emails = await emailsForm(session);
  const calendar = await calendarSection();
  const stops = [];
  const page = h('div', { class: 'page settings' });
  // Closing or reopening the room changes what may be set: the sections are built again, then only.
  let closed = null;
  const build = () => {
    if (closed === Boolean(session.room.closedAt)) return;
    closed = Boolean(session.room.closedAt);
    stops.splice(0).forEach((stop) => stop());
    stops.push(session.on(['room', 'resync'], build));
    const editable = session.may('room.edit')
      ? [dealForm(session), lookForm(session), logosSection(session, stops), groupsSection(session, stops),
        erasureForm(session)] : [];
    const saving = session.may('template.save') ? templatesSection(session) : null;
    fill(page, h('h1', {}, t('settings.title')), closed ? closedSection(session) : null, editable, saving, emails.el,
      calendar, dataSection(session));
  };
  build();
  return { el: page, dispose: () => stops.forEach((stop) => stop()) };
}

/** Downloads: the room as one sees it (the owner and the decision-makers), and one's own data from every room. */
function dataSection(session) {
  return h('section', { class: 'card form', 'aria-labelledby': 'data-title', 'data-section': 'data' },
    h('h2', { id: 'data-title' }, t('settings.data.title')),
    h('p', { class: 'muted' }, t('settings.data.intro')),
    h('div', { class: 'actions' },
      session.may('room.export')
        ? h('a', { class: 'button', href: `/api/rooms/${session.roomId}/export`, download: true }, t('settings.data.room'))
        : null,
      h('a', { class: 'button', href: '/api/me/export', download: true }, t('settings.data.mine'))));
}

/** A closed room: its outcome, when, why (the seller's side), and its reopening for the owner. */
function closedSection(session) {
  const room = session.room;
  const error = errorText();
  const reopen = h('button', { type: 'button', class: 'primary' }, t('settings.reopen'));
  reopen.addEventListener('click', () => acting(reopen, error, () => patch(`/api/rooms/${session.roomId}`, { status: 'OPEN' })));
  return h('section', { class: 'card form', 'aria-labelledby': 'closed-title', 'data-section': 'closed' },
    h('h2', { id: 'closed-title' }, t('settings.closed', { status: label('roomStatus', room.status), date: dayOf(room.closedAt) })),
    session.closeReason ? h('p', { class: 'close-reason' }, session.closeReason) : null,
    h('p', { class: 'muted' }, t('settings.closedHint')),
    error,
    session.may('room.decide') ? h('div', { class: 'actions' }, reopen) : null);
}

/** A form saved with PATCH /api/rooms/{id}: its changed fields only, its "Saved" note and its error. */
function roomForm(session, id, title, fields, values) {
  const error = errorText();
  const saved = h('p', { class: 'muted saved', role: 'status' });
  const form = h('form', { class: 'card form', 'aria-labelledby': id },
    h('h2', { id }, title), fields, error, saved,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('settings.save'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    fill(saved);
    const body = values(formValues(form));
    if (body === null) return;
    if (await submitting(form, error, () => patch(`/api/rooms/${session.roomId}`, body))) {
      fill(saved, t('settings.saved'));
    }
  });
  return { form, error };
}

function dealForm(session) {
  const room = session.room;
  const decides = session.may('room.decide');
  const statusSelect = h('select', { name: 'status' }, STATUSES.map((s) => h('option', {
    value: s, selected: s === room.status,
    // won, lost and reopening a decided deal are the owner's call
    disabled: !decides && s !== room.status && (DECIDED.has(s) || DECIDED.has(room.status)),
  }, label('roomStatus', s))));
  // Declaring the deal won or lost closes the room, and asks why.
  const reason = h('textarea', { name: 'closeReason', rows: 3, maxlength: 1000 });
  const reasonField = field(t('settings.closeReason'), reason, t('settings.closeReasonHint'));
  const closing = () => DECIDED.has(statusSelect.value) && statusSelect.value !== room.status;
  const showReason = () => {
    reasonField.hidden = !closing();
    reason.required = closing();
  };
  statusSelect.addEventListener('change', showReason);
  showReason();
  const currency = h('select', { name: 'currency' },
    h('option', { value: '' }, '—'),
    [...new Set([room.currency, ...CURRENCIES].filter(Boolean))].map((c) =>
      h('option', { value: c, selected: c === room.currency }, currencyName(c))));
  const { form, error } = roomForm(session, 'deal-title', t('settings.deal'), [
    h('div', { class: 'row' },
      field(t('settings.stage'), h('select', { name: 'stage' }, ROOM_STAGES.map((s) =>
        h('option', { value: s, selected: s === room.stage }, label('stage', s))))),
      field(t('settings.status'), statusSelect,
        decides ? null : t('settings.statusHint'))),
    reasonField,
    h('div', { class: 'row' },
      field(t('settings.decisionDate'), h('input', { name: 'targetDecisionDate', type: 'date', required: true,
        value: room.targetDecisionDate || '' })),
      field(t('settings.amount'), h('input', { name: 'amount', type: 'number', min: 0, step: '0.01', inputmode: 'decimal',
        value: room.amount ?? '' })),
      field(t('settings.currency'), currency)),
  ], (v) => {
    const body = { stage: v.stage, status: v.status, targetDecisionDate: v.targetDecisionDate };
    if (closing()) body.closeReason = v.closeReason;
    if (v.amount !== '') body.amount = Number(v.amount);
    if (v.currency) body.currency = v.currency;
    return body;
  });
  form.dataset.section = 'deal';
  return form;
}

/** What becomes of the text of a person erased from the room: removed (the default) or kept, as a former member's. */
function erasureForm(session) {
  const { form } = roomForm(session, 'erasure-title', t('settings.erasure.title'), [
    field(t('settings.erasure.postText'), h('select', { name: 'erasedPostText' }, ['REMOVE', 'KEEP'].map((v) =>
      h('option', { value: v, selected: v === session.room.erasedPostText }, t(`settings.erasure.${v}`)))),
    t('settings.erasure.hint')),
  ], (v) => ({ erasedPostText: v.erasedPostText }));
  form.dataset.section = 'erasure';
  return form;
}

function currencyName(code) {
  try {
    const name = new Intl.DisplayNames(currentLanguage(), { type: 'currency' }).of(code);
    return name && name !== code ? `${code} — ${name}` : code;
  } catch (e) {
    return code;
  }
}

function lookForm(session) {
  const room = session.room;
  const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  const colorText = h('input', { name: 'accentColor', value: room.accentColor || '', maxlength: 7,
    placeholder: '#0b5cad', pattern: '#[0-9a-fA-F]{6}', autocomplete: 'off', spellcheck: 'false' });
  const picker = h('input', { type: 'color', value: room.accentColor || '#0b5cad', 'aria-label': t('settings.pickColor') });
  const paint = () => {
    const value = colorText.value.trim();
    swatch.hidden = !COLOR.test(value);
    if (COLOR.test(value)) swatch.style.setProperty('--swatch', value);
  };
  picker.addEventListener('input', () => { colorText.value = picker.value; paint(); });
  colorText.addEventListener('input', () => {
    if (COLOR.test(colorText.value.trim())) picker.value = colorText.value.trim().toLowerCase();
    paint();
  });
  paint();
  const { form } = roomForm(session, 'look-title', t('settings.look'), [
    h('p', { class: 'muted' }, t('settings.lookIntro')),
    session.may('room.brand_seller') ? field(t('settings.sellerName'), h('input', { name: 'sellerName', maxlength: 200,
      value: room.sellerName || '' })) : null,
    field(t('settings.welcome'), h('textarea', { name: 'welcomeMessage', rows: 5, maxlength: 4000,
      text: room.welcomeMessage || '' }), t('settings.welcomeHint')),
    field(t('settings.accent'), h('div', { class: 'color-row' }, picker, colorText, swatch), t('settings.accentHint')),
  ], (v) => {
    const body = { welcomeMessage: v.welcomeMessage, accentColor: v.accentColor };
    if (session.may('room.brand_seller')) body.sellerName = v.sellerName;
    return body;
  });
  form.dataset.section = 'look';
  return form;
}

/** The buyer's and the seller's logos: PNG, JPEG or WebP up to 256 KB; the seller's is the owner's. */
function logosSection(session, stops) {
  const error = errorText();
  const list = h('div', { class: 'logo-slots' });
  const render = () => fill(list, ['buyer', 'seller'].map((side) => {
    const mine = session.may(side === 'buyer' ? 'room.brand_buyer' : 'room.brand_seller');
    const src = session.room[`${side}Logo`];
    const company = side === 'buyer' ? session.room.prospectAccount : (session.room.sellerName || t('settings.sellerCompany'));
    const input = h('input', { type: 'file', accept: 'image/png,image/jpeg,image/webp', class: 'file-input',
      'aria-label': t('settings.chooseLogo', { company }), disabled: !mine });
    input.addEventListener('change', async () => {
      const file = input.files[0];
      if (!file) return;
      await acting(input, error, async () => {
        const form = new FormData();
        form.append('file', file, file.name);
        const response = await fetch(`/api/rooms/${session.roomId}/logos/${side}`, { method: 'PUT', body: form,
          credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': currentLanguage() } });
        const json = await response.json().catch(() => null);
        if (!response.ok) throw new ApiError(response.status, json);
      });
      input.value = '';
    });
    return h('div', { class: 'logo-slot', 'data-side': side },
      h('div', { class: 'logo-frame' }, src ? h('img', { src, alt: t('settings.logoOf', { company }) })
        : avatar(company, 'lg')),
      h('div', {},
        h('p', { class: 'logo-name' }, side === 'buyer' ? t('settings.buyerLogo', { company }) : t('settings.sellerLogo', { company })),
        mine ? h('label', { class: 'button small-button file-label' }, input, t('settings.upload')) : h('p', { class: 'muted small' }, t('settings.ownersLogo')),
        src && mine ? h('button', { type: 'button', class: 'small-button link',
          onclick: (e) => acting(e.currentTarget, error, () => del(`/api/rooms/${session.roomId}/logos/${side}`)) },
        t('settings.removeLogo')) : null));
  }));
  render();
  stops.push(session.on(['room', 'resync'], render));
  return h('section', { class: 'card form', 'aria-labelledby': 'logos-title', 'data-section': 'logos' },
    h('h2', { id: 'logos-title' }, t('settings.logos')),
    h('p', { class: 'muted' }, t('settings.logosHint')), list, error);
}

/** Custom groups: a name and the members to put in it (a decision-maker picks among the buyer's people). */
function groupsSection(session, stops) {
  const error = errorText();
  const created = h('p', { class: 'muted', role: 'status' });
  const choices = h('fieldset', {}, h('legend', {}, t('settings.groupMembers')));
  const renderChoices = () => fill(choices, h('legend', {}, t('settings.groupMembers')),
    sortedMembers(session).filter((m) => m.id !== session.me.id && session.manages(m.id)).map((m) =>
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'memberIds', value: m.id, 'data-multi': true }),
        ` ${m.name}`)));
  renderChoices();
  const form = h('form', { class: 'card form', 'aria-labelledby': 'groups-title', 'data-section': 'groups' },
    h('h2', { id: 'groups-title' }, t('settings.groups')),
    h('p', { class: 'muted' }, t('settings.groupsIntro')),
    field(t('settings.groupName'), h('input', { name: 'name', required: true, maxlength: 100 })),
    choices, error, created,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('settings.createGroup'))));
  onCreate(form, error, async (v, id) => {
    fill(created);
    const group = await post(`/api/rooms/${session.roomId}/groups`, { name: v.name, kind: 'CUSTOM', memberIds: v.memberIds, clientId: id });
    fill(created, t('settings.groupCreated', { name: group.name }), ' ',
      h('a', { href: `#/rooms/${session.roomId}/groups/${group.id}` }, t('settings.openGroup')));
  });
  stops.push(session.on(['members', 'resync'], () => {
    if (!form.contains(document.activeElement)) renderChoices();
  }));
  return form;
}

/**
 * "Save as template" (the seller's side): the groups I am in, their plan and the welcome text, without people; and
 * my templates, to rename, share or delete.
 */
function templatesSection(session) {
  const error = errorText();
  const savedNote = h('p', { class: 'muted', role: 'status' });
  const mine = h('ul', { class: 'my-templates' });
  const listError = errorText();
  const form = h('form', { class: 'card form', 'aria-labelledby': 'template-title', 'data-section': 'templates' },
    h('h2', { id: 'template-title' }, t('settings.template.title')),
    h('p', { class: 'muted' }, t('settings.template.intro')),
    field(t('settings.template.name'), h('input', { name: 'name', required: true, maxlength: 200 })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'shared' }), ` ${t('settings.template.share')}`),
    error, savedNote,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('settings.template.save'))));
  // outside the form: its fields are not the save's, and saving resets the form, not the list
  const list = h('section', { class: 'card form', 'aria-labelledby': 'my-templates-title', 'data-section': 'my-templates' },
    h('h2', { id: 'my-templates-title' }, t('settings.template.mine')), mine, listError);
  const row = (template) => {
    const name = h('input', { value: template.name, maxlength: 200, 'aria-label': t('settings.template.name') });
    const shared = h('input', { type: 'checkbox', checked: template.shared });
    const rename = h('button', { type: 'button', class: 'small-button' }, t('settings.template.rename'));
    const remove = h('button', { type: 'button', class: 'small-button' }, t('settings.template.delete'));
    const item = h('li', { 'data-template-id': template.id }, name, ' ', rename, ' ',
      h('label', { class: 'check' }, shared, ` ${t('settings.template.shared')}`), ' ', remove);
    const base = `/api/templates/${encodeURIComponent(template.id)}`;
    rename.addEventListener('click', () => acting(rename, listError, () => patch(base, { name: name.value.trim() })));
    shared.addEventListener('change', () => acting(shared, listError, () => patch(base, { shared: shared.checked })));
    remove.addEventListener('click', () => acting(remove, listError, async () => {
      await del(base);
      item.remove();
    }));
    return item;
  };
  const load = async () => {
    try {
      const templates = await get('/api/templates');
      const own = templates.filter((template) => template.mine);
      fill(mine, own.length ? own.map(row) : h('li', { class: 'empty' }, t('settings.template.none')));
    } catch (e) {
      showError(listError, e);
    }
  };
  onCreate(form, error, async (v, id) => {
    fill(savedNote);
    const template = await post(`/api/rooms/${session.roomId}/templates`, { name: v.name, shared: v.shared, clientId: id });
    fill(savedNote, t('settings.template.saved', { name: template.name }));
    await load();
  });
  load();
  return [form, list];
}

const EMAILS = ['mentions', 'nudges', 'signoffRequests', 'digest'];
/**
 * Told to the room's owner alone (the one who may declare the deal's outcome, `room.decide`): offered to them only, as
 * a decision-maker who sees engagement gets no alert to turn off.
 */
const OWNER_EMAILS = ['engagementAlerts'];

/** Which emails this room sends me. */
async function emailsForm(session) {
  const base = `/api/rooms/${session.roomId}/notifications`;
  const settings = await get(base);
  const error = errorText();
  const saved = h('p', { class: 'muted', role: 'status' });
  const form = h('form', { class: 'card form', 'aria-labelledby': 'emails-title', 'data-section': 'emails' },
    h('h2', { id: 'emails-title' }, t('settings.emails')),
    [...EMAILS, ...(session.may('room.decide') ? OWNER_EMAILS : [])].map((key) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: key, checked: settings[key] }), ` ${t(`settings.email.${key}`)}`)),
    error, saved,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('settings.saveEmails'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    fill(saved);
    showError(error, null);
    if (await submitting(form, error, () => put(base, formValues(form)))) fill(saved, t('settings.saved'));
  });
  return { el: form };
}

/**
 * My secret calendar feed, across all my rooms: made, replaced or revoked here. Its address is shown once, in the
 * answer that makes it (the server keeps only a hash of its secret).
 */
async function calendarSection() {
  const base = '/api/me/calendar';
  const error = errorText();
  const note = h('p', { class: 'muted', role: 'status' });
  const state = h('div');
  const make = h('button', { type: 'button', class: 'primary' });
  const revoke = h('button', { type: 'button' }, t('settings.calendar.revoke'));
  const show = (feed) => {
    make.textContent = t(feed.active ? 'settings.calendar.renew' : 'settings.calendar.create');
    revoke.hidden = !feed.active;
    if (feed.url) {
      const address = h('input', { value: feed.url, readonly: true, 'aria-label': t('settings.calendar.address') });
      const copy = h('button', { type: 'button', class: 'small-button' }, t('settings.calendar.copy'));
      copy.addEventListener('click', () => acting(copy, error, async () => {
        address.select();
        // the clipboard is offered to secure pages only (https, localhost): elsewhere the link stays selected
        if (!navigator.clipboard) {
          fill(note, t('settings.calendar.selected'));
          return;
        }
        await navigator.clipboard.writeText(feed.url);
        fill(note, t('settings.calendar.copied'));
      }));
      fill(state, h('div', { class: 'calendar-address' }, address, ' ', copy),
        h('p', { class: 'muted' }, t('settings.calendar.once')));
    } else {
      fill(state, h('p', {}, feed.active ? t('settings.calendar.active', { date: dayOf(feed.createdAt) })
        : t('settings.calendar.none')));
    }
  };
  make.addEventListener('click', () => acting(make, error, async () => {
    fill(note);
    show(await put(base));
  }));
  revoke.addEventListener('click', () => acting(revoke, error, async () => {
    await del(base);
    show({ active: false });
    fill(note, t('settings.calendar.revoked'));
  }));
  show(await get(base));
  return h('section', { class: 'card form', 'aria-labelledby': 'calendar-title', 'data-section': 'calendar' },
    h('h2', { id: 'calendar-title' }, t('settings.calendar.title')),
    h('p', { class: 'muted' }, t('settings.calendar.intro')),
    state, error, note, h('div', { class: 'actions' }, make, ' ', revoke));
}
