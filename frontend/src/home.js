// Home: what I owe across all my rooms (every person's home), and for a seller the pipeline of their rooms,
// sorted on the server and read a page at a time, with a button that reveals the form to open a new room.

import { h, field, fill } from './dom.js';
import { get, post } from './api.js';
import { day, dayOf, money, label, ago, count, groupName } from './format.js';
import { healthBadge, errorText, showError, onCreate } from './widgets.js';
import { icon } from './icons.js';
import { t } from './i18n.js';
import { ROOM_STAGES, DEFAULT_ROOM_STAGE } from './events.generated.js';

const SORT_KEY = 'dealroom.pipelineSort';
/** The pipeline's sorts, each with the order it reads best in first (the most urgent or largest on top). */
const SORTS = Object.freeze({ decisionDate: 'asc', amount: 'desc', health: 'desc', lastBuyerActivity: 'desc' });
/** Rooms per page of the pipeline; "Show more" asks for the next page. */
const PIPELINE_PAGE = 50;
/** Where each kind of key update is seen: the group's tab. */
const KEY_UPDATE_TAB = Object.freeze({ ANNOUNCEMENT: 'discussion', SIGNOFF_REQUEST: 'signoffs', MILESTONE: 'plan' });

/** The home screen for the signed-in person `me`. */
export async function homeView(me) {
  const agenda = await get('/api/me/agenda');
  const seller = agenda.rooms.some((room) => room.side === 'SELLER');
  const newcomer = agenda.rooms.length === 0;
  const opening = seller || newcomer ? newRoom() : null;
  const pipeline = seller ? await pipelineSection(opening) : null;
  return h('div', { class: 'page home' },
    h('header', { class: 'home-head' },
      h('h1', {}, t('home.greeting', { name: me.name })),
      h('p', { class: 'muted' }, summary(agenda))),
    newcomer ? null : owedSection(agenda),
    pipeline,
    !seller && !newcomer ? myRooms(agenda.rooms) : null,
    newcomer ? h('section', { class: 'newcomer' }, h('p', { class: 'empty' }, t('home.noRooms')), opening.toggle,
      opening.form) : null);
}

function summary(agenda) {
  const owed = agenda.tasks.length + agenda.signoffs.length + agenda.keyUpdates.length
    + agenda.colleagueRequests.length;
  if (agenda.rooms.length === 0) return t('home.welcome');
  if (owed === 0) return t('home.caughtUp');
  const late = agenda.tasks.filter((task) => task.overdue).length;
  return late > 0 ? t('home.summaryLate', { count: owed, late }) : t('home.summary', { count: owed });
}

// ---- what I owe ----

/** The four lists of what I owe, an empty one saying so; nothing at all when all are empty (the summary says it). */
function owedSection(agenda) {
  const lists = [
    block('tasks', t('home.tasks'), agenda.tasks, taskItem, t('home.noTasks')),
    block('signoffs', t('home.signoffs'), agenda.signoffs, signoffItem, t('home.noSignoffs')),
    block('updates', t('home.updates'), agenda.keyUpdates, keyUpdateItem, t('home.noUpdates')),
    block('nudges', t('home.nudges'), agenda.nudges, nudgeItem, t('home.noNudges')),
    // only the rooms' managers decide these: the block shows when one waits
    agenda.colleagueRequests.length ? block('colleagues', t('home.colleagueRequests'), agenda.colleagueRequests,
      colleagueItem, null) : null];
  const nothing = [agenda.tasks, agenda.signoffs, agenda.keyUpdates, agenda.nudges, agenda.colleagueRequests]
    .every((items) => !items.length);
  if (nothing) return null;
  return h('section', { class: 'owed', 'aria-labelledby': 'owed-title' },
    h('h2', { id: 'owed-title' }, t('home.owed')),
    h('div', { class: 'owed-grid' }, lists));
}

function block(name, title, items, render, empty) {
  const id = `owed-${name}`;
  return h('section', { class: ['card', 'owed-block', `owed-${name}`], 'aria-labelledby': id },
    h('h3', { id }, title, items.length ? h('span', { class: 'count' }, count(items.length)) : null),
    items.length === 0 ? h('p', { class: 'empty' }, empty)
      : h('ul', { class: 'owed-list' }, items.map(render)));
}

function groupLink(place, tab) {
  return `#/rooms/${place.roomId}/groups/${place.groupId}/${tab}`;
}

function where(place) {
  return h('span', { class: 'where' }, t('home.where', { room: place.roomName, group: groupName({ key: place.groupKey, name: place.groupName }) }));
}

function taskItem(task) {
  return h('li', { class: ['owed-item', task.overdue ? 'overdue' : null], 'data-task-id': task.taskId },
    h('a', { href: groupLink(task.place, 'plan'), class: 'owed-title' }, task.title),
    h('span', { class: 'owed-meta' },
      task.overdue ? h('span', { class: 'badge status-overdue' }, t('home.overdue')) : null,
      task.dueDate ? h('span', { class: task.overdue ? 'late' : null }, t('home.due', { date: day(task.dueDate) }))
        : h('span', {}, t('home.noDue')),
      task.milestone ? h('span', { class: 'tag' }, t('home.milestone')) : null,
      where(task.place)));
}

function signoffItem(signoff) {
  return h('li', { class: 'owed-item', 'data-signoff-id': signoff.signoffId },
    h('a', { href: groupLink(signoff.place, 'signoffs'), class: 'owed-title' }, signoff.title),
    h('span', { class: 'owed-meta' },
      h('span', {}, t('home.askedBy', { name: signoff.requestedBy.name || t('common.formerMember'),
        when: ago(signoff.requestedAt) })),
      where(signoff.place)));
}

function keyUpdateItem(update) {
  return h('li', { class: 'owed-item', 'data-seq': update.seq },
    h('a', { href: groupLink(update.place, KEY_UPDATE_TAB[update.kind] || 'discussion'), class: 'owed-title' },
      t(`home.keyUpdate.${update.kind}`, { name: update.actor.name || t('common.formerMember') })),
    update.subject ? h('span', { class: 'owed-subject' }, update.subject) : null,
    h('span', { class: 'owed-meta' }, h('span', {}, ago(update.at)), where(update.place)));
}

function nudgeItem(nudge) {
  return h('li', { class: 'owed-item' },
    h('a', { href: `#/rooms/${nudge.roomId}`, class: 'owed-title' },
      t(`home.nudge.${nudge.topic}`, { name: nudge.by || t('common.formerMember') })),
    h('span', { class: 'owed-meta' }, h('span', {}, ago(nudge.at)), h('span', { class: 'where' }, nudge.roomName)));
}

function colleagueItem(request) {
  return h('li', { class: 'owed-item', 'data-request-id': request.requestId },
    h('a', { href: `#/rooms/${request.roomId}/people`, class: 'owed-title' },
      t('home.colleagueRequest', { name: request.name })),
    h('span', { class: 'owed-meta' },
      h('span', {}, t('home.askedBy', { name: request.requestedBy || t('common.formerMember'), when: ago(request.at) })),
      h('span', { class: 'where' }, request.roomName)));
}

// ---- the buyer's rooms ----

function myRooms(rooms) {
  return h('section', { class: 'my-rooms', 'aria-labelledby': 'rooms-title' },
    h('h2', { id: 'rooms-title' }, t('home.myRooms')),
    h('ul', { class: 'cards' }, rooms.map((room) => h('li', { class: 'card room-card' },
      h('a', { href: `#/rooms/${room.roomId}`, class: 'card-title' }, room.name),
      h('p', { class: 'muted' }, room.prospectAccount),
      h('p', { class: 'small' }, t('home.decisionOn', { date: day(room.targetDecisionDate) }))))));
}

// ---- the seller's pipeline ----

function savedSort() {
  try {
    const saved = JSON.parse(localStorage.getItem(SORT_KEY) || '{}');
    if (SORTS[saved.sort] && ['asc', 'desc'].includes(saved.order)) return saved;
  } catch (e) {
    // an unreadable saved sort is forgotten
  }
  return { sort: 'decisionDate', order: SORTS.decisionDate };
}

async function pipelineSection(opening) {
  let current = savedSort();
  let archived = false; // the open rooms, or the archive of closed ones
  let nextOffset = null;
  let asked = 0; // the latest request: the answer to an earlier one (the sort changed since) is dropped
  const shownIds = new Set();
  const error = errorText();
  const list = h('ul', { class: 'pipeline', 'aria-labelledby': 'pipeline-title' });
  const count = h('p', { class: ['pipeline-count', 'small', 'muted'] });
  const more = h('button', { type: 'button', class: 'show-more', hidden: true }, t('home.showMore'));
  const select = h('select', { name: 'sort' }, Object.keys(SORTS).map((key) =>
    h('option', { value: key, selected: key === current.sort }, t(`home.sort.${key}`))));
  const reverse = h('button', { type: 'button', class: ['small-button', 'order'] });
  const showOrder = () => {
    fill(reverse, icon(current.order === 'asc' ? 'up' : 'down'),
      h('span', { class: 'sr-only' }, t(`home.order.${current.order}`)));
    reverse.setAttribute('title', t(`home.order.${current.order}`));
  };
  // A page from the server, in its order; "show more" appends the next one, skipping a room already shown (one
  // that moved up between two pages).
  const show = (page, append) => {
    if (!append) {
      shownIds.clear();
      list.replaceChildren();
    }
    const rows = page.rooms.filter((item) => !shownIds.has(item.roomId)).map((item) => {
      shownIds.add(item.roomId);
      return archived ? archiveRow(item) : pipelineRow(item);
    });
    rows.forEach((row) => list.appendChild(row));
    if (shownIds.size === 0) fill(list, h('li', { class: 'empty' }, t(archived ? 'home.noClosedRooms' : 'home.noOpenRooms')));
    nextOffset = page.nextOffset ?? null;
    more.hidden = nextOffset === null;
    fill(count, page.total > shownIds.size ? t('home.pipelineShown', { count: shownIds.size, total: page.total }) : '');
    return rows;
  };
  const load = async (append) => {
    const ticket = ++asked;
    if (!append) {
      localStorage.setItem(SORT_KEY, JSON.stringify(current));
      showOrder();
    }
    more.disabled = true;
    try {
      const offset = append ? `&offset=${nextOffset}` : '';
      const page = await get(`/api/pipeline?sort=${current.sort}&order=${current.order}&limit=${PIPELINE_PAGE}${offset}`
        + `&archived=${archived}`);
      if (ticket !== asked) return;
      showError(error, null);
      const rows = show(page, append);
      list.dataset.sort = `${current.sort}-${current.order}`;
      // The button went away with the last page: focus moves on to the first room it brought.
      if (append && more.hidden && rows.length) rows[0].querySelector('a').focus();
    } catch (e) {
      if (ticket === asked) showError(error, e);
    } finally {
      more.disabled = false;
    }
  };
  select.addEventListener('change', () => {
    current = { sort: select.value, order: SORTS[select.value] };
    load(false);
  });
  reverse.addEventListener('click', () => {
    current = { ...current, order: current.order === 'asc' ? 'desc' : 'asc' };
    load(false);
  });
  more.addEventListener('click', () => load(true));
  const title = h('h2', { id: 'pipeline-title' }, t('home.pipeline'));
  const archive = h('button', { type: 'button', class: 'small-button archive-toggle', 'aria-pressed': 'false' },
    t('home.archive'));
  archive.addEventListener('click', () => {
    archived = !archived;
    archive.setAttribute('aria-pressed', String(archived));
    fill(title, t(archived ? 'home.archiveTitle' : 'home.pipeline'));
    load(false);
  });
  await load(false);
  return h('section', { class: 'pipeline-section', 'aria-labelledby': 'pipeline-title' },
    h('div', { class: 'section-head' },
      title,
      h('div', { class: 'sort' }, field(t('home.sortBy'), select), reverse, archive, opening.toggle)),
    opening.form,
    error,
    list,
    h('div', { class: 'pipeline-more' }, more, count));
}

function pipelineRow(item) {
  return h('li', { class: ['card', 'room-card', 'pipeline-row'], 'data-room-id': item.roomId },
    h('div', { class: 'pipeline-name' },
      h('a', { href: `#/rooms/${item.roomId}`, class: 'card-title' }, item.name),
      h('span', { class: 'muted' }, item.prospectAccount)),
    h('div', { class: 'pipeline-health' }, healthBadge(item.health),
      h('span', { class: 'small muted' }, label('stage', item.stage))),
    h('dl', { class: 'facts pipeline-facts' },
      fact(t('home.amount'), money(item.amount, item.currency)),
      fact(t('home.decision'), day(item.targetDecisionDate)),
      fact(t('home.nextMilestone'), day(item.nextMilestone)),
      fact(t('home.lastBuyerActivity'), item.lastBuyerActivity ? ago(item.lastBuyerActivity) : t('home.noBuyerActivity'))));
}

/** A closed room in the archive: how it ended, when, and why for the seller's side. */
function archiveRow(item) {
  return h('li', { class: ['card', 'room-card', 'pipeline-row', 'closed'], 'data-room-id': item.roomId },
    h('div', { class: 'pipeline-name' },
      h('a', { href: `#/rooms/${item.roomId}`, class: 'card-title' }, item.name),
      h('span', { class: 'muted' }, item.prospectAccount)),
    h('div', { class: 'pipeline-health' }, h('span', { class: ['badge', `outcome-${item.status.toLowerCase()}`] },
      label('roomStatus', item.status))),
    h('dl', { class: 'facts pipeline-facts' },
      fact(t('home.amount'), money(item.amount, item.currency)),
      fact(t('home.closedOn'), dayOf(item.closedAt)),
      item.closeReason ? fact(t('home.closeReason'), item.closeReason) : null));
}

function fact(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

// ---- opening a room ----

/** The "Open a room" button and the form it reveals, placed by the caller. */
function newRoom() {
  const form = newRoomForm();
  form.hidden = true;
  const toggle = h('button', { type: 'button', class: ['primary', 'open-room'], 'aria-expanded': 'false',
    'aria-controls': 'new-room' }, t('home.openRoom'));
  toggle.addEventListener('click', () => {
    form.hidden = !form.hidden;
    toggle.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) form.querySelector('input')?.focus();
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      form.hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
      toggle.focus();
    }
  });
  return { toggle, form };
}

/**
 * The templates to open a room from: none (the default groups alone), then the built-in ones, mine and those others
 * share, as the server lists them; filled once they arrive (the form works without them).
 */
function templateChooser() {
  const select = h('select', { name: 'templateId' }, h('option', { value: '' }, t('home.form.noTemplate')));
  get('/api/templates').then((templates) => {
    templates.forEach((template) => select.appendChild(h('option', { value: template.id },
      template.builtIn || template.mine ? template.name
        : t('home.form.templateBy', { name: template.name, author: template.authorName }))));
  }).catch(() => {
    // without the list, rooms open with the default groups
  });
  return select;
}

function newRoomForm() {
  const error = errorText();
  const form = h('form', { class: ['card', 'form', 'new-room-form'], id: 'new-room', 'aria-labelledby': 'new-room-title' },
    h('h2', { id: 'new-room-title' }, t('home.newRoom')),
    field(t('home.form.name'), h('input', { name: 'name', required: true, maxlength: 200, autocomplete: 'off' })),
    field(t('home.form.prospect'), h('input', { name: 'prospectAccount', required: true, maxlength: 200 })),
    h('div', { class: 'row' },
      field(t('home.form.decisionDate'), h('input', { name: 'targetDecisionDate', type: 'date', required: true })),
      field(t('home.form.stage'), h('select', { name: 'stage' },
        ROOM_STAGES.map((s) => h('option', { value: s, selected: s === DEFAULT_ROOM_STAGE }, label('stage', s)))))),
    h('div', { class: 'row' },
      field(t('home.form.amount'), h('input', { name: 'amount', type: 'number', min: 0, step: '0.01', inputmode: 'decimal' })),
      field(t('home.form.currency'), h('input', { name: 'currency', maxlength: 3, placeholder: 'EUR', pattern: '[A-Za-z]{3}' }))),
    field(t('home.form.template'), templateChooser()),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('home.form.submit'))));
  onCreate(form, error, async (v, id) => {
    const room = await post('/api/rooms', {
      name: v.name,
      prospectAccount: v.prospectAccount,
      targetDecisionDate: v.targetDecisionDate,
      stage: v.stage,
      amount: v.amount === '' ? null : Number(v.amount),
      currency: v.currency === '' ? null : v.currency.toUpperCase(),
      templateId: v.templateId === '' ? null : v.templateId,
      clientId: id,
    });
    location.hash = `#/rooms/${room.room.id}`;
  });
  return form;
}
