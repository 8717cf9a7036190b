// The notifications menu in the header: nudges, mentions and sign-off requests addressed to me, and colleague
// requests waiting for my decision, newest first; for a room's owner, while the room is open, its key buyers gone
// quiet or back.
// Across rooms they come from the server (GET /api/me/agenda) when the page starts and whenever it regains
// focus; while a room is open they also arrive live, from the session's topics. What is newer than the last time
// I opened the menu counts as unread (remembered per person in this browser).

import { h, fill } from './dom.js';
import { get } from './api.js';
import { ago, groupName } from './format.js';
import { icon } from './icons.js';
import { t } from './i18n.js';

const MAX_ITEMS = 30;
const REFRESH_AFTER_MS = 5000; // focus and visibility changes come in bursts: one load is enough

/** The bell for the signed-in person `me`; attach(session) while a room is open, detach() when it closes. */
export function createBell(me) {
  const seenKey = `dealroom.bellSeen.${me.email || me.name}`;
  const items = new Map(); // key -> { key, kind, text, detail, place, href, at }
  let seenAt = Number(localStorage.getItem(seenKey)) || 0; // epoch milliseconds of the newest item I have seen
  let markedBefore = seenAt; // while the menu is open, what was unread when it opened stays marked
  let stopListening = null;
  let lastLoad = 0;

  const badge = h('span', { class: 'bell-count', 'aria-hidden': 'true', hidden: true });
  const button = h('button', { type: 'button', class: 'bell-button', 'aria-expanded': 'false',
    'aria-controls': 'bell-panel' }, icon('bell'), badge);
  const list = h('ul', { class: 'bell-list' });
  const panel = h('div', { class: 'bell-panel', id: 'bell-panel', hidden: true, role: 'region',
    'aria-labelledby': 'bell-title' },
  h('h2', { id: 'bell-title', tabindex: '-1' }, t('bell.title')), list);
  const announcer = h('span', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  const el = h('div', { class: 'bell' }, button, panel, announcer);

  const unread = () => sorted().filter((item) => item.time > seenAt).length;
  const sorted = () => [...items.values()].sort((a, b) => b.time - a.time).slice(0, MAX_ITEMS);

  function render() {
    const count = unread();
    badge.hidden = count === 0;
    fill(badge, count > 9 ? '9+' : String(count));
    button.setAttribute('aria-label', count ? t('bell.labelUnread', { count }) : t('bell.label'));
    el.dataset.unread = String(count);
    const shown = sorted();
    // a live item may arrive while someone tabs through the list: the link they were on keeps the focus
    const focused = list.contains(document.activeElement) ? document.activeElement.getAttribute('href') : null;
    fill(list, shown.length === 0 ? h('li', { class: 'empty' }, t('bell.empty')) : shown.map((item) =>
      h('li', { class: ['bell-item', `bell-${item.kind}`, item.time > Math.min(seenAt, markedBefore) ? 'is-unread' : null],
        'data-kind': item.kind },
        h('a', { href: item.href },
          h('span', { class: 'bell-text' }, item.text),
          item.detail ? h('span', { class: 'bell-detail' }, item.detail) : null,
          h('span', { class: 'bell-meta' }, h('span', {}, item.place), h('span', {}, ago(item.at)))))));
    if (focused) [...list.querySelectorAll('a')].find((a) => a.getAttribute('href') === focused)?.focus();
  }

  function put(item, live) {
    const known = items.has(item.key);
    items.set(item.key, { ...item, time: Date.parse(item.at) || 0 });
    if (live && !known) fill(announcer, t('bell.arrived', { text: item.text }));
  }

  function fromAgenda(agenda) {
    items.clear();
    agenda.nudges.forEach((nudge) => put(nudgeItem(nudge.nudgeId, nudge.topic, nudge.by, nudge.roomId,
      nudge.roomName, nudge.at), false));
    agenda.mentions.forEach((mention) => put(mentionItem(mention.postId, mention.author.name, mention.excerpt,
      mention.place, mention.at), false));
    agenda.signoffs.forEach((signoff) => put(signoffItem(signoff.signoffId, signoff.requestedBy.name,
      signoff.title, signoff.place, signoff.requestedAt), false));
    agenda.colleagueRequests.forEach((request) => put(colleagueItem(request.requestId, request.name,
      request.requestedBy, request.roomId, request.roomName, request.at), false));
    render();
  }

  async function load() {
    lastLoad = Date.now();
    try {
      fromAgenda(await get('/api/me/agenda'));
    } catch (e) {
      // the bell keeps what it has; the next focus tries again (a 401 already shows the sign-in screen)
    }
  }

  function open() {
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    panel.querySelector('h2').focus();
    markedBefore = seenAt;
    const newest = sorted()[0];
    if (newest && newest.time > seenAt) {
      seenAt = newest.time;
      localStorage.setItem(seenKey, String(seenAt));
    }
    render();
  }

  function close(returnFocus) {
    if (panel.hidden) return;
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    markedBefore = seenAt;
    render();
    if (returnFocus) button.focus();
  }

  button.addEventListener('click', () => (panel.hidden ? open() : close(true)));
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden) {
      e.stopPropagation();
      close(true);
    }
  });
  list.addEventListener('click', (e) => {
    if (e.target.closest('a')) close(false);
  });
  document.addEventListener('click', (e) => {
    if (!el.contains(e.target)) close(false);
  });
  el.addEventListener('focusout', (e) => {
    if (e.relatedTarget && !el.contains(e.relatedTarget)) close(false);
  });
  const refresh = () => {
    if (document.visibilityState === 'visible' && Date.now() - lastLoad > REFRESH_AFTER_MS) load();
  };
  window.addEventListener('focus', refresh);
  document.addEventListener('visibilitychange', refresh);

  render();
  load();

  return {
    el,
    /** Listens to the open room's nudges, posts and sign-offs for those addressed to me. */
    attach(session) {
      stopListening?.();
      const place = (groupId) => {
        const group = session.group(groupId);
        return { roomId: session.roomId, roomName: session.room.name, groupId, groupKey: group?.key || null, groupName: group?.name || '' };
      };
      stopListening = session.on(['nudges', 'posts', 'signoffs', 'engagement', 'colleagueRequests'], (event, topic) => {
        const mine = session.me.id;
        const item = event.item;
        if (topic === 'nudges' && item.memberId === mine) {
          put(nudgeItem(item.id, item.topic, session.memberName(item.byMemberId), session.roomId, session.room.name,
            item.createdAt), true);
        } else if (topic === 'engagement' && item.memberId === mine) {
          put(engagementItem(event.seq, item, session.roomId, session.room.name, event.at), true);
        } else if (topic === 'posts') {
          const key = `mention:${item.id}`;
          if (item.deleted || !(item.mentions || []).includes(mine)) {
            items.delete(key);
          } else if (item.author?.memberId !== mine) {
            put(mentionItem(item.id, item.author.name, item.body, place(item.groupId), item.createdAt), true);
          }
        } else if (topic === 'colleagueRequests') {
          // waiting for my decision while pending and mine to decide; gone once decided or withdrawn
          if (item.status === 'PENDING' && session.may('colleague.decide')) {
            put(colleagueItem(item.id, item.name, session.memberName(item.requesterId), session.roomId,
              session.room.name, item.createdAt), true);
          } else {
            items.delete(`colleague:${item.id}`);
          }
        } else if (topic === 'signoffs') {
          const key = `signoff:${item.id}`;
          const waiting = item.status === 'REQUESTED'
            && item.approvers.some((a) => a.memberId === mine && !a.decision);
          if (!waiting) {
            items.delete(key);
          } else {
            put(signoffItem(item.id, session.memberName(item.authorId), item.title, place(item.groupId),
              item.createdAt), true);
          }
        }
        render();
      });
    },
    detach() {
      stopListening?.();
      stopListening = null;
    },
    /** Reads the notifications from the server again (the home screen calls it when it loads). */
    refresh: () => {
      if (Date.now() - lastLoad > REFRESH_AFTER_MS) load();
    },
  };
}

function nudgeItem(id, topic, by, roomId, roomName, at) {
  return { key: `nudge:${id}`, kind: 'nudge', text: t(`bell.nudge.${topic}`, { name: by || t('common.formerMember') }),
    detail: null, place: roomName, href: `#/rooms/${roomId}`, at };
}

function colleagueItem(id, name, by, roomId, roomName, at) {
  return { key: `colleague:${id}`, kind: 'colleague', text: t('bell.colleague', { name: by || t('common.formerMember'),
    colleague: name }), detail: null, place: roomName, href: `#/rooms/${roomId}/people`, at };
}

function engagementItem(seq, alert, roomId, roomName, at) {
  return { key: `engagement:${roomId}:${seq}`, kind: 'engagement',
    text: t(`bell.engagement.${alert.kind}`, { name: alert.buyerName, count: alert.days }), detail: null,
    place: roomName, href: `#/rooms/${roomId}/coordination`, at };
}

/** "Room · Group" for an item's place, the group named in the page's language. */
function whereText(place) {
  return t('bell.where', { room: place.roomName, group: groupName({ key: place.groupKey, name: place.groupName }) });
}

function mentionItem(postId, author, excerpt, place, at) {
  return { key: `mention:${postId}`, kind: 'mention', text: t('bell.mention', { name: author || t('common.formerMember') }), detail: excerpt,
    place: whereText(place),
    href: `#/rooms/${place.roomId}/groups/${place.groupId}/discussion`, at };
}

function signoffItem(id, by, title, place, at) {
  return { key: `signoff:${id}`, kind: 'signoff', text: t('bell.signoff', { name: by || t('common.formerMember') }),
    detail: title, place: whereText(place),
    href: `#/rooms/${place.roomId}/groups/${place.groupId}/signoffs`, at };
}
