// An open room: its state (room, my groups, members, presence, unread counts), kept live by one WebSocket,
// and the room's layout: the group list on the side, the chosen screen beside it.

import { h, fill, field, formValues } from './dom.js';
import { get, post, put, del } from './api.js';
import { RoomLive } from './live.js';
import { day, money, label } from './format.js';
import { errorText, onCreate, presenceDot, submitting, acting } from './widgets.js';

export class RoomSession {
  constructor(roomId, banner) {
    this.roomId = roomId;
    this.banner = banner;
    this.listeners = new Set();
    this.presence = new Set();
    this.shownGroupId = null;
    this.live = null;
    this.status = 'connecting';
  }

  async load() {
    const [view, members, unread] = await Promise.all([
      get(`/api/rooms/${this.roomId}`),
      get(`/api/rooms/${this.roomId}/members`),
      get(`/api/rooms/${this.roomId}/unread`),
    ]);
    this.room = view.room;
    this.me = view.me;
    this.groups = view.groups;
    this.members = members;
    this.unread = new Map(unread.map((u) => [u.groupId, u.unread]));
    return view.seq;
  }

  async start() {
    const seq = await this.load();
    this.live = new RoomLive(this.roomId, seq, {
      onEvent: (event) => this.apply(event),
      onPresence: (online) => {
        this.presence = new Set(online);
        this.notify({ type: 'presence' });
      },
      onResync: async () => {
        await this.load();
        this.notify({ type: 'resync' });
      },
      onStatus: (status) => {
        this.status = status;
        this.banner(status);
      },
    }).start();
    return this;
  }

  stop() {
    this.live?.stop();
    this.listeners.clear();
  }

  get manager() {
    return this.me.owner || this.me.decisionMaker;
  }

  /** Whether I add, remove, regroup and re-invite this member: the seller's side is the owner's alone. */
  manages(memberId) {
    const member = this.member(memberId);
    return Boolean(member) && (this.me.owner || (this.me.decisionMaker && member.side === 'BUYER'));
  }

  member(id) {
    return this.members.find((m) => m.id === id);
  }

  memberName(id) {
    return this.member(id)?.name || 'Former member';
  }

  group(id) {
    return this.groups.find((g) => g.id === id);
  }

  /** Listen to every event and state change of the room; returns the way to stop listening. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(event) {
    this.listeners.forEach((listener) => listener(event));
  }

  /** The group on screen is read as its events arrive; the others count unread. */
  showGroup(groupId) {
    this.shownGroupId = groupId;
    if (groupId) {
      this.unread.set(groupId, 0);
      this.markRead(groupId);
    }
    this.notify({ type: 'unread' });
  }

  markRead(groupId) {
    if (document.visibilityState === 'visible' && this.live) this.live.markRead(groupId, this.live.seq);
  }

  async apply(event) {
    const d = event.data;
    switch (event.type) {
      case 'room.updated':
        this.room = d;
        break;
      case 'member.added':
        this.members = [...this.members.filter((m) => m.id !== d.id), d];
        break;
      case 'member.removed':
        this.members = this.members.filter((m) => m.id !== d.memberId);
        break;
      case 'group.created':
        if (!this.group(d.id)) this.groups = [...this.groups, d];
        break;
      case 'group.member_added':
      case 'group.member_removed':
        if (d.memberId === this.me.id) {
          await this.load(); // my groups changed: what I may see changed with them
        } else {
          this.updateGroupMembers(d.groupId, d.memberId, event.type === 'group.member_added');
        }
        break;
      default:
        break;
    }
    if (event.groupId) {
      if (event.groupId === this.shownGroupId) {
        this.markRead(event.groupId);
      } else if (event.actor?.memberId !== this.me.id && this.group(event.groupId)) {
        this.unread.set(event.groupId, (this.unread.get(event.groupId) || 0) + 1);
      }
    }
    this.notify(event);
  }

  updateGroupMembers(groupId, memberId, added) {
    const group = this.group(groupId);
    if (group) {
      const ids = group.memberIds.filter((id) => id !== memberId);
      group.memberIds = added ? [...ids, memberId] : ids;
    }
    const member = this.member(memberId);
    if (member) {
      const ids = member.groupIds.filter((id) => id !== groupId);
      member.groupIds = added ? [...ids, groupId] : ids;
    }
  }
}

/** The room's frame: its name, my groups with unread badges, and the screen `content` renders. */
export function roomLayout(session, current, content) {
  const nav = h('nav', { class: 'room-nav', 'aria-label': 'Room' });
  const renderNav = () => fill(nav,
    h('a', { href: `#/rooms/${session.roomId}`, class: ['room-name', current === 'overview' && 'current'],
      'aria-current': current === 'overview' ? 'page' : null }, session.room.name),
    h('p', { class: 'muted small' }, session.room.prospectAccount),
    h('h2', { class: 'nav-heading' }, 'Groups'),
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
      'aria-current': current === 'coordination' ? 'page' : null }, 'Coordination'),
    h('a', { href: `#/rooms/${session.roomId}/settings`, class: ['nav-link', current === 'settings' && 'current'],
      'aria-current': current === 'settings' ? 'page' : null }, 'My emails'));
  renderNav();
  const stop = session.subscribe((event) => {
    if (['unread', 'resync', 'group.created', 'group.member_added', 'group.member_removed', 'room.updated']
      .includes(event.type) || event.groupId) renderNav();
  });
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
      h('div', {}, h('dt', {}, 'Stage'), h('dd', {}, label(session.room.stage))),
      h('div', {}, h('dt', {}, 'Status'), h('dd', {}, label(session.room.status))),
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
  const stop = session.subscribe((event) => {
    if (['resync', 'room.updated'].includes(event.type)) renderFacts();
    if (['presence', 'resync', 'member.added', 'member.removed'].includes(event.type)) renderMembers();
    // Someone invited who comes online or does something has joined, with or without the link.
    const arrived = event.type === 'presence' ? [...session.presence].some((id) => notJoined.has(id))
      : notJoined.has(event.actor?.memberId);
    if (event.type.startsWith('invitation.') || event.type.startsWith('member.') || arrived) {
      renderInvitations().catch(() => {});
    }
  });
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
