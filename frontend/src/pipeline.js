// Home: the rooms I am in, and a form to open a new one.

import { h, field } from './dom.js';
import { get, post } from './api.js';
import { day, money, label } from './format.js';
import { healthBadge, errorText, onCreate } from './widgets.js';
import { t } from './i18n.js';
import { ROOM_STAGES, DEFAULT_ROOM_STAGE } from './events.generated.js';

export async function pipelineView() {
  const items = await get('/api/pipeline');
  const list = items.length === 0
    ? h('p', { class: 'empty' }, 'No rooms yet. Open one for your next opportunity below.')
    : h('ul', { class: 'cards', 'aria-label': 'My rooms' }, items.map(roomCard));
  return h('div', { class: 'page' },
    h('h1', {}, t('home.title')),
    list,
    newRoomForm());
}

function roomCard(item) {
  return h('li', { class: 'card room-card' },
    h('div', { class: 'card-head' },
      h('a', { href: `#/rooms/${item.roomId}`, class: 'card-title' }, item.name),
      healthBadge(item.health)),
    h('p', { class: 'muted' }, item.prospectAccount),
    h('dl', { class: 'facts' },
      fact('Stage', label('stage', item.stage)),
      fact('Amount', money(item.amount, item.currency)),
      fact('Decision', day(item.targetDecisionDate)),
      fact('Next milestone', day(item.nextMilestone))));
}

function fact(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

function newRoomForm() {
  const error = errorText();
  const form = h('form', { class: 'card form', 'aria-labelledby': 'new-room-title' },
    h('h2', { id: 'new-room-title' }, 'Open a room'),
    field('Opportunity', h('input', { name: 'name', required: true, maxlength: 200, autocomplete: 'off' })),
    field('Prospect account', h('input', { name: 'prospectAccount', required: true, maxlength: 200 })),
    h('div', { class: 'row' },
      field('Decision date', h('input', { name: 'targetDecisionDate', type: 'date', required: true })),
      field('Stage', h('select', { name: 'stage' },
        ROOM_STAGES.map((s) => h('option', { value: s, selected: s === DEFAULT_ROOM_STAGE }, label('stage', s)))))),
    h('div', { class: 'row' },
      field('Amount', h('input', { name: 'amount', type: 'number', min: 0, step: '0.01', inputmode: 'decimal' })),
      field('Currency', h('input', { name: 'currency', maxlength: 3, placeholder: 'EUR', pattern: '[A-Za-z]{3}' }))),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Open room'));
  onCreate(form, error, async (v, id) => {
    const room = await post('/api/rooms', {
      name: v.name,
      prospectAccount: v.prospectAccount,
      targetDecisionDate: v.targetDecisionDate,
      stage: v.stage,
      amount: v.amount === '' ? null : Number(v.amount),
      currency: v.currency === '' ? null : v.currency.toUpperCase(),
      clientId: id,
    });
    location.hash = `#/rooms/${room.room.id}`;
  });
  return form;
}

