// The room's people: who is in it (avatar, presence, side and role), inviting someone, the invitations' state, and
// colleague requests (a buyer asks to bring someone in; the owner and the decision-makers decide).

import { h, fill, field } from './dom.js';
import { get, post, del } from './api.js';
import { errorText, onCreate, presenceDot, acting, avatar, statusBadge, showError } from './widgets.js';
import { t } from './i18n.js';
import { ago } from './format.js';

/** The People screen: members for everyone; invitations and the invite form for managers. */
export function peopleView(session) {
  const members = h('section', { class: 'people-members', 'aria-labelledby': 'members-title' });
  // built once, so that what a manager is typing survives presence and membership updates
  const invitations = h('section', { class: 'invitations', 'aria-labelledby': 'invitations-title' });
  const invite = session.may('buyers.manage') ? inviteForm(session) : null;
  // removing someone asks first; the question survives the list's redraws (presence, membership)
  // (erasing, the owner's, asks the same way: it takes the person's data out of the room too, for good)
  const removal = { confirming: null, erasing: false, error: errorText() };
  removal.ask = (id, erasing = false) => { removal.confirming = id; removal.erasing = erasing; renderMembers(); };
  removal.cancel = () => { removal.confirming = null; renderMembers(); };
  removal.remove = (id) => (e) => acting(e.currentTarget, removal.error, async () => {
    if (removal.erasing) await post(`/api/rooms/${session.roomId}/members/${id}/erasure`, { confirm: true });
    else await del(`/api/rooms/${session.roomId}/members/${id}`);
    removal.confirming = null;
    renderMembers(); // the member.removed (member.erased) event redraws it too, and may come first
  });
  const renderMembers = () => {
    if (removal.confirming && !session.member(removal.confirming)) removal.confirming = null;
    const online = sortedMembers(session).filter((m) => session.presence.has(m.id)).length;
    fill(members,
      h('div', { class: 'section-head' },
        h('h2', { id: 'members-title' }, t('people.members')),
        h('span', { class: 'muted small', 'data-online': online }, t('people.onlineCount', { count: online }))),
      ['SELLER', 'BUYER'].map((side) => {
        const list = sortedMembers(session).filter((m) => m.side === side);
        return list.length === 0 ? null : h('div', { class: 'people-side' },
          h('h3', { class: 'side-heading' }, side === 'SELLER'
            ? t('people.sellerSide', { company: session.room.sellerName || t('people.seller') })
            : t('people.buyerSide', { company: session.room.prospectAccount })),
          h('ul', { class: 'people-list', 'aria-label': t('people.members') }, list.map((m) => personRow(session, m, removal))));
      }),
      removal.error);
  };
  let notJoined = new Set(); // members whose invitation shows them not joined yet
  const renderInvitations = async () => {
    if (!session.may('invitations.view')) return;
    const list = await get(`/api/rooms/${session.roomId}/invitations`);
    notJoined = new Set(list.filter((i) => !i.memberJoined).map((i) => i.memberId));
    fill(invitations, ...invitationsSection(session, list, renderInvitations));
  };
  const colleagues = colleagueRequests(session);
  renderMembers();
  renderInvitations().catch(() => {});
  const refreshInvitations = () => renderInvitations().catch(() => {});
  const stops = [
    session.on(['presence', 'resync', 'members', 'room'], renderMembers),
    session.on(['invitations', 'members'], refreshInvitations),
    // Someone invited who comes online or does something has joined, with or without the link.
    session.on('presence', () => {
      if ([...session.presence].some((id) => notJoined.has(id))) refreshInvitations();
    }),
    session.on('activity', (event) => {
      if (notJoined.has(event.actor?.memberId)) refreshInvitations();
    }),
    ...colleagues.stops,
  ];
  return {
    el: h('div', { class: 'page people' },
      h('h1', {}, t('people.title')),
      h('div', { class: 'people-grid' }, members, h('div', {}, invite, colleagues.el,
        session.may('invitations.view') ? invitations : null, eraseMe(session)))),
    dispose: () => stops.forEach((stop) => stop()),
  };
}

/** The person's managers may remove them from the room, but the owner, and not themselves. */
function removable(session, m) {
  return !m.owner && m.id !== session.me.id && session.manages(m.id);
}

function personRow(session, m, removal) {
  const online = session.presence.has(m.id);
  const confirming = removal.confirming === m.id;
  return h('li', { class: ['person', confirming && 'confirming'], 'data-member-id': m.id },
    h('span', { class: 'person-avatar' }, avatar(m.name), presenceDot(online)),
    h('span', { class: 'person-text' },
      h('span', { class: 'member-name' }, m.name, m.id === session.me.id ? h('span', { class: 'muted' }, ` ${t('people.you')}`) : null),
      h('span', { class: 'muted small' }, m.title || (m.side === 'SELLER' ? t('people.seller') : t('people.buyer')))),
    h('span', { class: 'person-tags' },
      m.owner ? h('span', { class: 'tag' }, t('people.owner')) : null,
      m.decisionMaker ? h('span', { class: 'tag' }, t('people.decisionMaker')) : null),
    !removable(session, m) ? null : confirming
      ? h('span', { class: 'person-remove', role: 'group',
        'aria-label': t(removal.erasing ? 'people.erase.label' : 'people.removeLabel', { name: m.name }) },
        h('span', { class: 'small' }, t(removal.erasing ? 'people.erase.confirm' : 'people.removeConfirm', { name: m.name })),
        h('button', { type: 'button', class: 'small-button danger', onclick: removal.remove(m.id) },
          t(removal.erasing ? 'people.erase.action' : 'people.remove')),
        h('button', { type: 'button', class: 'small-button', onclick: removal.cancel }, t('people.cancel')))
      : [h('button', { type: 'button', class: 'small-button person-remove-ask', 'aria-label': t('people.removeLabel', { name: m.name }),
        onclick: () => removal.ask(m.id) }, t('people.remove')),
      session.may('member.erase') ? h('button', { type: 'button', class: 'small-button person-erase-ask',
        'aria-label': t('people.erase.label', { name: m.name }), onclick: () => removal.ask(m.id, true) },
      t('people.erase.action')) : null]);
}

/**
 * "Erase me from this room", for every member but the owner: asks first, as it cannot be undone, then leaves the
 * room for the home page (the room's connection closes as well).
 */
function eraseMe(session) {
  if (!session.may('member.erase_self')) return null;
  const error = errorText();
  const box = h('div', { class: 'actions' });
  const ask = () => fill(box, h('button', { type: 'button', class: 'small-button', onclick: confirm }, t('people.erase.me')));
  const confirm = () => fill(box, h('span', { class: 'small' }, t('people.erase.meConfirm')), ' ',
    h('button', { type: 'button', class: 'small-button danger', onclick: (e) => acting(e.currentTarget, error, async () => {
      await post(`/api/rooms/${session.roomId}/members/me/erasure`, { confirm: true });
      location.hash = '#/';
    }) }, t('people.erase.meAction')), ' ',
    h('button', { type: 'button', class: 'small-button', onclick: ask }, t('people.cancel')));
  ask();
  return h('section', { class: 'card erase-me', 'aria-labelledby': 'erase-me-title' },
    h('h2', { id: 'erase-me-title' }, t('people.erase.meTitle')),
    h('p', { class: 'muted small' }, t('people.erase.meHint')), box, error);
}

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
    h('h2', { id: 'invitations-title' }, t('people.invitations')),
    rows.length === 0 ? h('p', { class: 'muted' }, t('people.nobodyInvited')) : h('ul', { class: 'members' }, rows.map((i) =>
      h('li', { class: 'member', 'data-invitation-status': i.status },
        h('span', { class: 'member-name' }, session.memberName(i.memberId)),
        h('span', { class: 'muted' }, `${i.email} · ${i.memberJoined ? t('people.state.JOINED') : t(`people.state.${i.status}`)}`),
        !i.memberJoined && mine(i) ? h('button', { type: 'button', class: 'small-button',
          onclick: (e) => acting(e.currentTarget, error, async () => {
            await post(`/api/rooms/${session.roomId}/members/${i.memberId}/invitations`);
            await refresh();
          }) }, t('people.resend', { name: session.memberName(i.memberId) })) : null,
        !i.memberJoined && i.status === 'OPEN' && mine(i) ? h('button', { type: 'button', class: 'small-button',
          onclick: (e) => acting(e.currentTarget, error, async () => {
            await del(`/api/rooms/${session.roomId}/invitations/${i.id}`);
            await refresh();
          }) }, t('people.withdraw')) : null))),
    error,
  ];
}

export function sortedMembers(session) {
  return [...session.members].sort((a, b) => (a.side === b.side ? a.name.localeCompare(b.name) : a.side === 'SELLER' ? -1 : 1));
}

function inviteForm(session) {
  const error = errorText();
  const choosable = session.groups.filter((g) => g.kind !== 'EVERYONE' && g.kind !== 'STEERING');
  const form = h('form', { class: 'card form', 'aria-labelledby': 'invite-title' },
    h('h2', { id: 'invite-title' }, t('people.invite')),
    h('div', { class: 'row' },
      field(t('people.email'), h('input', { name: 'email', type: 'email', required: true, maxlength: 254, autocomplete: 'off' })),
      field(t('people.name'), h('input', { name: 'name', required: true, maxlength: 200 }))),
    h('div', { class: 'row' },
      field(t('people.jobTitle'), h('input', { name: 'title', maxlength: 200 })),
      // a decision-maker invites the buyer's people; the seller's team is the owner's
      field(t('people.side'), h('select', { name: 'side' },
        h('option', { value: 'BUYER' }, t('people.buyer')),
        session.may('sellers.manage') ? h('option', { value: 'SELLER' }, t('people.seller')) : null))),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'decisionMaker' }),
      ` ${t('people.asDecisionMaker')}`),
    h('fieldset', {}, h('legend', {}, t('people.groups')),
      choosable.map((g) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'groups', value: g.id, 'data-multi': true }), ` ${g.name}`))),
    error,
    h('button', { type: 'submit', class: 'primary' }, t('people.inviteAction')));
  onCreate(form, error, (v, id) => post(`/api/rooms/${session.roomId}/members`, {
    email: v.email, name: v.name, title: v.title || null, side: v.side,
    decisionMaker: v.decisionMaker, groups: v.groups, clientId: id,
  }));
  return form;
}

/**
 * Colleague requests: a buyer's form to ask for a colleague (in some of their own groups) and their requests, which
 * they may withdraw while pending; for the owner and the decision-makers, the pending requests with Approve and
 * Decline (with an optional reason). Both kept live by the colleague events, which reach only these people.
 */
function colleagueRequests(session) {
  const asks = session.may('colleague.request');
  const decides = session.may('colleague.decide');
  if (!asks && !decides) return { el: null, stops: [] };
  const error = errorText();
  const empty = h('p', { class: 'muted' }, decides ? t('people.colleagues.nonePending') : t('people.colleagues.noneMine'));
  const ul = h('ul', { class: 'members', 'aria-labelledby': 'colleague-requests-title' });
  const reasons = new Map(); // request id -> the reason a manager is typing
  // Rows are kept while their request is unchanged, so that a live update never takes away what is being typed.
  const render = async () => {
    const requests = await get(`/api/rooms/${session.roomId}/colleague-requests`);
    const shown = decides ? requests.filter((r) => r.status === 'PENDING')
      : requests.filter((r) => r.requesterId === session.me.id);
    const rows = new Map([...ul.children].map((el) => [el.dataset.requestId, el]));
    const wanted = shown.map((r) => {
      const kept = rows.get(r.id);
      return kept && kept.dataset.status === r.status ? kept : colleagueRow(session, r, decides, reasons, error, refresh);
    });
    [...ul.children].forEach((el) => { if (!wanted.includes(el)) el.remove(); });
    wanted.forEach((el, i) => { if (ul.children[i] !== el) ul.insertBefore(el, ul.children[i] || null); });
    empty.hidden = shown.length > 0;
  };
  const refresh = () => render().catch((e) => showError(error, e));
  refresh();
  const form = asks ? colleagueForm(session, refresh) : null;
  return {
    el: h('section', { class: 'colleagues', 'aria-labelledby': 'colleague-requests-title' }, form,
      h('h2', { id: 'colleague-requests-title' }, decides ? t('people.colleagues.pendingTitle') : t('people.colleagues.mineTitle')),
      empty, ul, error),
    stops: [session.on(['colleagueRequests', 'resync'], refresh)],
  };
}

function colleagueRow(session, r, decides, reasons, error, refresh) {
  const path = `/api/rooms/${session.roomId}/colleague-requests/${r.id}`;
  const groups = r.groupIds.map((id) => session.group(id)).filter((g) => g && g.kind !== 'EVERYONE').map((g) => g.name);
  const reason = h('input', { name: 'reason', maxlength: 1000, 'aria-label': t('people.colleagues.reason'),
    placeholder: t('people.colleagues.reason'), value: reasons.get(r.id) || '',
    oninput: (e) => reasons.set(r.id, e.currentTarget.value) });
  const decide = (decision) => (e) => acting(e.currentTarget, error, async () => {
    await post(`${path}/decision`, decision === 'APPROVED' ? { decision }
      : { decision, reason: reasons.get(r.id) || null });
    reasons.delete(r.id);
    await refresh();
  });
  return h('li', { class: 'member colleague-request', 'data-request-id': r.id, 'data-status': r.status },
    h('span', { class: 'member-name' }, r.name),
    h('span', { class: 'muted' }, r.email),
    h('span', { class: 'muted small' }, decides
      ? t('people.colleagues.askedBy', { name: session.memberName(r.requesterId), when: ago(r.createdAt) })
      : ago(r.createdAt)),
    groups.length ? h('span', { class: 'muted small' }, t('people.colleagues.inGroups', { groups: groups.join(', ') })) : null,
    decides ? null : statusBadge('colleagueRequestStatus', r.status),
    !decides && r.reason ? h('span', { class: 'muted small colleague-reason' }, t('people.colleagues.because', { reason: r.reason })) : null,
    // the reason goes with declining: it sits beside that button, approving stands apart
    decides ? h('span', { class: 'colleague-decision' },
      h('button', { type: 'button', class: 'small-button primary', onclick: decide('APPROVED') },
        t('people.colleagues.approve', { name: r.name })),
      h('span', { class: 'colleague-decline' }, reason,
        h('button', { type: 'button', class: 'small-button', onclick: decide('DECLINED') },
          t('people.colleagues.decline', { name: r.name })))) : null,
    !decides && r.status === 'PENDING' && session.may('colleague.withdraw', 'author') ? h('button', {
      type: 'button', class: 'small-button',
      onclick: (e) => acting(e.currentTarget, error, async () => {
        await post(`${path}/withdraw`);
        await refresh();
      }) }, t('people.colleagues.withdraw')) : null);
}

function colleagueForm(session, refresh) {
  const error = errorText();
  // their own groups only: the server refuses any other, and the page offers none
  const choosable = session.groups.filter((g) => g.kind !== 'EVERYONE' && g.kind !== 'STEERING');
  const form = h('form', { class: 'card form', 'aria-labelledby': 'colleague-title' },
    h('h2', { id: 'colleague-title' }, t('people.colleagues.ask')),
    h('p', { class: 'muted small' }, t('people.colleagues.askHint')),
    h('div', { class: 'row' },
      field(t('people.email'), h('input', { name: 'email', type: 'email', required: true, maxlength: 254, autocomplete: 'off' })),
      field(t('people.name'), h('input', { name: 'name', required: true, maxlength: 200 }))),
    choosable.length ? h('fieldset', {}, h('legend', {}, t('people.groups')),
      choosable.map((g) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'groups', value: g.id, 'data-multi': true }), ` ${g.name}`))) : null,
    error,
    h('button', { type: 'submit', class: 'primary' }, t('people.colleagues.askAction')));
  onCreate(form, error, async (v, id) => {
    await post(`/api/rooms/${session.roomId}/colleague-requests`, {
      email: v.email, name: v.name, groups: v.groups || [], clientId: id,
    });
    await refresh();
  });
  return form;
}
