// An open room's layout (the group list on the side, the chosen screen beside it), its overview with the
// invitations, and my email settings. The room's state lives in session.js.

import { h, fill, field, formValues } from './dom.js';
import { get, post, put, del } from './api.js';
import { day, money, label } from './format.js';
import { errorText, onCreate, presenceDot, submitting, acting } from './widgets.js';
import { t } from './i18n.js';

/** The room's frame: its name, my groups with unread badges, and the screen `content` renders. */
export function roomLayout(session, current, content) {
  const nav = h('nav', { class: 'room-nav', 'aria-label': 'Room' });
  const renderNav = () => fill(nav,
    h('a', { href: `#/rooms/${session.roomId}`, class: ['room-name', current === 'overview' && 'current'],
      'aria-current': current === 'overview' ? 'page' : null }, session.room.name),
    h('p', { class: 'muted small' }, session.room.prospectAccount),
    h('h2', { class: 'nav-heading' }, t('room.groups')),
    h('ul', { class: 'group-list' }, session.groups.map((g) => {
      const unread = session.unread.get(g.id) || 0;
      const here = current === g.id;
      return h('li', {},
        h('a', { href: `#/rooms/${session.roomId}/groups/${g.id}`, class: here ? 'current' : null,
          'aria-current': here ? 'page' : null, 'data-group-key': g.key || null },
        h('span', { class: 'group-name' }, g.name),
        unread > 0 ? h('span', { class: 'unread', 'aria-label': `${unread} unread` }, String(unread)) : null));
    })),
    h('a', { href: `#/rooms/${session.roomId}/coordination`, class: ['nav-link', current === 'coordination' && 'current'],
      'aria-current': current === 'coordination' ? 'page' : null }, t('coordination.title')),
    h('a', { href: `#/rooms/${session.roomId}/settings`, class: ['nav-link', current === 'settings' && 'current'],
      'aria-current': current === 'settings' ? 'page' : null }, 'My emails'));
  renderNav();
  const stop = session.on(['unread', 'resync', 'groups', 'room'], renderNav);
  return { el: h('div', { class: 'room' }, nav, h('section', { class: 'room-main' }, content)), dispose: stop };
}

/** The room's home: what the deal is, who is in it (and online), and inviting people. */
export function overviewView(session) {
  const facts = h('div', {});
  const members = h('section', { 'aria-labelledby': 'members-title' });
  // built once, so that what a manager is typing survives presence and membership updates
  const invitations = h('section', { class: 'invitations', 'aria-labelledby': 'invitations-title' });
  const invite = session.manager ? inviteForm(session) : null;
  const renderFacts = () => fill(facts,
    h('h1', {}, session.room.name),
    h('dl', { class: 'facts wide' },
      h('div', {}, h('dt', {}, 'Account'), h('dd', {}, session.room.prospectAccount)),
      h('div', {}, h('dt', {}, 'Stage'), h('dd', {}, label('stage', session.room.stage))),
      h('div', {}, h('dt', {}, 'Status'), h('dd', {}, label('roomStatus', session.room.status))),
      h('div', {}, h('dt', {}, 'Decision'), h('dd', {}, day(session.room.targetDecisionDate))),
      h('div', {}, h('dt', {}, 'Amount'), h('dd', {}, money(session.room.amount, session.room.currency)))));
  const renderMembers = () => fill(members,
    h('h2', { id: 'members-title' }, 'Members'),
    h('ul', { class: 'members', 'aria-label': 'Members' }, sortedMembers(session).map((m) =>
      h('li', { class: 'member' },
        presenceDot(session.presence.has(m.id)),
        h('span', { class: 'member-name' }, m.name),
        h('span', { class: 'muted' }, [m.title, m.side === 'SELLER' ? 'seller' : 'buyer'].filter(Boolean).join(' · ')),
        m.owner ? h('span', { class: 'tag' }, 'owner') : null,
        m.decisionMaker ? h('span', { class: 'tag' }, 'decision-maker') : null))));
  let notJoined = new Set(); // members whose invitation shows them not joined yet
  const renderInvitations = async () => {
    if (!session.manager) return;
    const list = await get(`/api/rooms/${session.roomId}/invitations`);
    notJoined = new Set(list.filter((i) => !i.memberJoined).map((i) => i.memberId));
    fill(invitations, ...invitationsSection(session, list, renderInvitations));
  };
  renderFacts();
  renderMembers();
  renderInvitations().catch(() => {});
  const refreshInvitations = () => renderInvitations().catch(() => {});
  const stops = [
    session.on(['resync', 'room'], renderFacts),
    session.on(['presence', 'resync', 'members'], renderMembers),
    session.on(['invitations', 'members'], refreshInvitations),
    // Someone invited who comes online or does something has joined, with or without the link.
    session.on('presence', () => {
      if ([...session.presence].some((id) => notJoined.has(id))) refreshInvitations();
    }),
    session.on('activity', (event) => {
      if (notJoined.has(event.actor?.memberId)) refreshInvitations();
    }),
  ];
  const stop = () => stops.forEach((s) => s());
  return { el: h('div', { class: 'page' }, facts, members, session.manager ? invitations : null, invite), dispose: stop };
}

const INVITATION_TEXT = { OPEN: 'invited, not joined yet', CLAIMED: 'joined', EXPIRED: 'invitation expired',
  REVOKED: 'invitation withdrawn' };

/**
 * The newest invitation of each member, with resending and withdrawing for managers. A member who has joined
 * (with the link or by signing in without it: memberJoined) needs neither.
 */
function invitationsSection(session, invitations, refresh) {
  const latest = new Map();
  invitations.forEach((i) => { if (!latest.has(i.memberId)) latest.set(i.memberId, i); }); // newest first
  const error = errorText();
  const rows = [...latest.values()].filter((i) => session.member(i.memberId));
  const mine = (i) => session.manages(i.memberId);
  return [
    h('h2', { id: 'invitations-title' }, 'Invitations'),
    rows.length === 0 ? h('p', { class: 'muted' }, 'Nobody invited yet.') : h('ul', { class: 'members' }, rows.map((i) =>
      h('li', { class: 'member', 'data-invitation-status': i.status },
        h('span', { class: 'member-name' }, session.memberName(i.memberId)),
        h('span', { class: 'muted' }, `${i.email} · ${i.memberJoined ? 'joined' : INVITATION_TEXT[i.status]}`),
        !i.memberJoined && mine(i) ? h('button', { type: 'button', class: 'small-button',
          onclick: (e) => acting(e.currentTarget, error, async () => {
            await post(`/api/rooms/${session.roomId}/members/${i.memberId}/invitations`);
            await refresh();
          }) }, `Send ${session.memberName(i.memberId)} a new link`) : null,
        !i.memberJoined && i.status === 'OPEN' && mine(i) ? h('button', { type: 'button', class: 'small-button',
          onclick: (e) => acting(e.currentTarget, error, async () => {
            await del(`/api/rooms/${session.roomId}/invitations/${i.id}`);
            await refresh();
          }) }, 'Withdraw link') : null))),
    error,
  ];
}

function sortedMembers(session) {
  return [...session.members].sort((a, b) => (a.side === b.side ? a.name.localeCompare(b.name) : a.side === 'SELLER' ? -1 : 1));
}

function inviteForm(session) {
  const error = errorText();
  const choosable = session.groups.filter((g) => g.kind !== 'EVERYONE' && g.kind !== 'STEERING');
  const form = h('form', { class: 'card form', 'aria-labelledby': 'invite-title' },
    h('h2', { id: 'invite-title' }, 'Invite someone'),
    h('div', { class: 'row' },
      field('Email', h('input', { name: 'email', type: 'email', required: true, maxlength: 254, autocomplete: 'off' })),
      field('Name', h('input', { name: 'name', required: true, maxlength: 200 }))),
    h('div', { class: 'row' },
      field('Title', h('input', { name: 'title', maxlength: 200 })),
      // a decision-maker invites the buyer's people; the seller's team is the owner's
      field('Side', h('select', { name: 'side' },
        h('option', { value: 'BUYER' }, 'Buyer'), session.me.owner ? h('option', { value: 'SELLER' }, 'Seller') : null))),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'decisionMaker' }),
      ' Decision-maker (joins steering, manages the room)'),
    h('fieldset', {}, h('legend', {}, 'Groups'),
      choosable.map((g) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'groups', value: g.id, 'data-multi': true }), ` ${g.name}`))),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Invite'));
  onCreate(form, error, (v, id) => post(`/api/rooms/${session.roomId}/members`, {
    email: v.email, name: v.name, title: v.title || null, side: v.side,
    decisionMaker: v.decisionMaker, groups: v.groups, clientId: id,
  }));
  return form;
}

const EMAILS = [
  ['mentions', 'When a post mentions me'],
  ['nudges', 'When the room\u2019s owner or a decision-maker nudges me'],
  ['signoffRequests', 'When a sign-off asks for my approval'],
  ['digest', 'A daily digest of what I have not seen (at most one a day)'],
];

/** Which emails this room sends me. */
export async function settingsView(session) {
  const base = `/api/rooms/${session.roomId}/notifications`;
  const settings = await get(base);
  const error = errorText();
  const saved = h('p', { class: 'muted', role: 'status' });
  const form = h('form', { class: 'card form', 'aria-labelledby': 'emails-title' },
    h('h1', { id: 'emails-title' }, 'My emails from this room'),
    EMAILS.map(([key, text]) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: key, checked: settings[key] }), ` ${text}`)),
    error, saved,
    h('button', { type: 'submit', class: 'primary' }, 'Save'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    fill(saved);
    if (await submitting(form, error, () => put(base, formValues(form)))) fill(saved, 'Saved.');
  });
  return { el: h('div', { class: 'page' }, form) };
}
