// An open room's layout (its identity and my groups on the side, the chosen screen beside it) and its home, made
// for the buyer: both companies with their logos in the room's colour, the owner's welcome, the decision timeline
// at a glance, my groups with what is unread, and what happened lately in them. The room's state lives in
// session.js; the People and Settings screens are people.js and settings.js.

import { h, fill, revealCurrent } from './dom.js';
import { get } from './api.js';
import { day, dayOf, money, label, ago, moment } from './format.js';
import { avatar, statusBadge } from './widgets.js';
import { icon } from './icons.js';
import { handlerOf } from './dispatch.js';
import { t } from './i18n.js';

const COLOR = /^#[0-9a-fA-F]{6}$/;
const FEED_SIZE = 12;
/** The topics whose events the activity feed tells; the first one an event reaches names it. */
const FEED_TOPICS = ['posts', 'tasks', 'signoffs', 'documents', 'groups', 'members', 'room'];

/** The room's frame: its name, my groups with unread badges, People, Coordination, Settings. */
export function roomLayout(session, current, content) {
  const nav = h('nav', { class: 'room-nav', 'aria-label': t('room.nav') });
  const closed = h('p', { class: 'closed-notice', role: 'status', hidden: true });
  // what the room records of its members, told to every one of them: beside the navigation on a wide screen, at
  // the end of the screen on a phone, where the navigation sits above the content
  const tracking = (where) => h('p', { class: ['muted', 'small', 'tracking-note', where], 'data-tracking': '' },
    t('room.tracking'));
  const frame = h('div', { class: 'room' }, nav,
    h('section', { class: 'room-main' }, closed, content, tracking('tracking-below')));
  const link = (href, key, iconName, text) => h('a', { href: `#/rooms/${session.roomId}${href}`,
    class: ['nav-link', current === key && 'current'], 'aria-current': current === key ? 'page' : null,
    'data-nav': key }, icon(iconName), h('span', { class: 'nav-text' }, text));
  // a phone's groups are a sideways strip: a redraw keeps it where it was, and brings the current group back
  // into view if it is not
  const strip = { revealed: false, left: 0 };
  const renderNav = () => {
    const before = nav.querySelector('.group-list');
    if (before && strip.revealed) strip.left = before.scrollLeft;
    paintAccent(frame, session.room.accentColor);
    closed.hidden = !session.room.closedAt;
    fill(closed, session.room.closedAt ? [
      t('room.closed', { status: label('roomStatus', session.room.status), date: dayOf(session.room.closedAt) }),
      session.readUntil ? ` ${t('room.readUntil', { date: dayOf(session.readUntil) })}` : ''] : '');
    fill(nav,
      h('a', { href: `#/rooms/${session.roomId}`, class: ['room-name', current === 'overview' && 'current'],
        'aria-current': current === 'overview' ? 'page' : null },
      session.room.buyerLogo ? h('img', { class: 'nav-logo', src: session.room.buyerLogo, alt: '' }) : null,
      h('span', {}, session.room.name)),
      h('p', { class: 'muted small nav-account' }, session.room.prospectAccount),
      h('h2', { class: 'nav-heading' }, t('room.groups')),
      h('ul', { class: 'group-list' }, session.groups.map((g) => {
        const unread = session.unread.get(g.id) || 0;
        const here = current === g.id;
        return h('li', {},
          h('a', { href: `#/rooms/${session.roomId}/groups/${g.id}`, class: here ? 'current' : null,
            'aria-current': here ? 'page' : null, 'data-group-key': g.key || null },
          h('span', { class: 'group-name' }, g.name),
          unread > 0 ? h('span', { class: 'unread', 'aria-label': t('room.unread', { count: unread }) }, String(unread)) : null));
      })),
      h('div', { class: 'nav-links' },
        link('', 'overview', 'home', t('room.home.nav')),
        link('/people', 'people', 'people', t('people.title')),
        link('/coordination', 'coordination', 'chart', t('coordination.title')),
        link('/settings', 'settings', 'settings', t('settings.title'))),
      tracking('tracking-beside'));
    const list = nav.querySelector('.group-list');
    list.scrollLeft = strip.left;
    requestAnimationFrame(() => {
      if (!list.isConnected) return; // a newer drawing replaced it
      revealCurrent(list);
      strip.revealed = true;
    });
  };
  renderNav();
  const stop = session.on(['unread', 'resync', 'groups', 'room'], renderNav);
  return { el: frame, dispose: stop };
}

/** The room's colour for this frame: a custom property the stylesheet uses (never an inline style attribute). */
function paintAccent(el, color) {
  if (color && COLOR.test(color)) {
    el.style.setProperty('--room-accent', color);
    el.classList.add('branded');
  } else {
    el.style.removeProperty('--room-accent');
    el.classList.remove('branded');
  }
}

/** The room's home, as the buyer meets it. */
export function overviewView(session) {
  const hero = h('header', { class: 'room-hero' });
  const welcome = h('section', { class: 'welcome', 'aria-labelledby': 'welcome-title' });
  const timeline = h('section', { class: 'card glance', 'aria-labelledby': 'glance-title' });
  const groups = h('section', { class: 'card my-groups', 'aria-labelledby': 'my-groups-title' });
  const feedList = h('ol', { class: 'feed', 'aria-labelledby': 'feed-title' });
  const feed = h('section', { class: 'card activity', 'aria-labelledby': 'feed-title' },
    h('h2', { id: 'feed-title' }, t('room.home.activity')), feedList);

  const renderHero = () => {
    const room = session.room;
    fill(hero,
      h('div', { class: 'parties' },
        party(room.buyerLogo, room.prospectAccount, 'buyer'),
        h('span', { class: 'parties-and', 'aria-hidden': 'true' }, '×'),
        party(room.sellerLogo, room.sellerName || t('room.home.sellerTeam'), 'seller')),
      h('h1', {}, room.name),
      h('ul', { class: 'hero-facts', 'aria-label': t('room.home.facts') },
        h('li', {}, icon('calendar'), ' ', t('room.home.decisionBy', { date: day(room.targetDecisionDate) })),
        h('li', {}, t('room.home.stage', { stage: label('stage', room.stage) })),
        room.status !== 'OPEN' ? h('li', { 'data-status': room.status }, label('roomStatus', room.status)) : null,
        room.amount !== null && room.amount !== undefined ? h('li', {}, money(room.amount, room.currency)) : null));
  };
  const renderWelcome = () => {
    const room = session.room;
    welcome.hidden = !room.welcomeMessage;
    if (!room.welcomeMessage) return fill(welcome);
    const owner = session.members.find((m) => m.owner);
    return fill(welcome,
      h('div', { class: 'welcome-from' }, avatar(owner?.name || '?', 'lg'),
        h('div', {},
          h('h2', { id: 'welcome-title' }, t('room.home.welcomeFrom', { name: owner?.name || t('common.formerMember') })),
          owner?.title ? h('p', { class: 'muted small' }, owner.title) : null)),
      h('p', { class: 'welcome-text' }, room.welcomeMessage));
  };
  const renderGroups = () => fill(groups,
    h('h2', { id: 'my-groups-title' }, t('room.home.myGroups')),
    h('ul', { class: 'group-cards' }, session.groups.map((g) => {
      const unread = session.unread.get(g.id) || 0;
      return h('li', { 'data-group-id': g.id },
        h('a', { href: `#/rooms/${session.roomId}/groups/${g.id}`, class: ['group-card', unread > 0 && 'has-unread'] },
          h('span', { class: 'group-card-name' }, g.name),
          h('span', { class: 'muted small' }, t('room.home.people', { count: g.memberIds.length })),
          h('span', { class: unread > 0 ? 'unread' : 'muted small', 'data-unread': unread },
            unread > 0 ? t('room.unread', { count: unread }) : t('room.home.upToDate'))));
    })));

  let timelineTimer = null;
  const renderTimeline = async () => {
    const progress = await get(`/api/rooms/${session.roomId}/progress`);
    fill(timeline, ...glance(session, progress.timeline));
  };
  const refreshTimeline = () => {
    clearTimeout(timelineTimer);
    timelineTimer = setTimeout(() => renderTimeline().catch(() => {}), 300);
  };

  const seen = new Set();
  const items = [];
  const renderFeed = () => fill(feedList, items.length === 0
    ? h('li', { class: 'empty' }, t('room.home.quiet'))
    : items.slice(0, FEED_SIZE).map((entry) => entry.el));
  const addToFeed = (event, topic, live) => {
    if (seen.has(event.seq)) return;
    seen.add(event.seq);
    const text = describe(session, event, topic);
    if (!text) return;
    const el = h('li', { class: ['feed-item', live && 'fresh'], 'data-seq': event.seq },
      avatar(event.actor?.name || '?', 'sm'),
      h('div', { class: 'feed-text' },
        h('p', {}, text.sentence),
        text.quote ? h('q', { class: 'feed-quote' }, text.quote) : null,
        h('time', { class: 'muted small', datetime: event.at, title: moment(event.at) }, ago(event.at))));
    items.push({ seq: event.seq, el });
    items.sort((a, b) => b.seq - a.seq);
    if (items.length > FEED_SIZE * 2) items.length = FEED_SIZE * 2;
    renderFeed();
  };
  const loadFeed = async () => {
    const since = Math.max(0, (session.live?.seq || 0) - 200);
    const page = await get(`/api/rooms/${session.roomId}/events?since=${since}&limit=200`);
    page.events.forEach((raw) => {
      const handler = handlerOf(raw.type);
      const topic = FEED_TOPICS.find((candidate) => handler.topics.includes(candidate));
      if (!topic) return;
      addToFeed({ ...raw, item: handler.item ? handler.item(raw.data) : raw.data }, topic, false);
    });
    renderFeed();
  };

  renderHero();
  renderWelcome();
  renderGroups();
  renderFeed();
  renderTimeline().catch(() => fill(timeline));
  loadFeed().catch(() => {});
  const stops = [
    session.on(['room', 'resync'], () => { renderHero(); renderWelcome(); }),
    session.on(['members'], renderWelcome),
    session.on(['unread', 'groups', 'resync'], renderGroups),
    session.on(['tasks', 'room', 'resync'], refreshTimeline),
    session.on(FEED_TOPICS, (event, topic) => addToFeed(event, topic, true)),
  ];
  return {
    el: h('div', { class: 'page room-home' }, hero, welcome,
      h('div', { class: 'home-grid' }, h('div', { class: 'home-main' }, timeline, feed), h('div', { class: 'home-side' }, groups))),
    dispose: () => {
      clearTimeout(timelineTimer);
      stops.forEach((stop) => stop());
    },
  };
}

function party(logo, name, side) {
  return h('span', { class: ['party', `party-${side}`] },
    logo ? h('img', { class: 'party-logo', src: logo, alt: t('room.home.logoOf', { company: name }) })
      : h('span', { class: 'party-logo placeholder', 'aria-hidden': 'true' }, initialOf(name)),
    h('span', { class: 'party-name' }, name));
}

function initialOf(name) {
  return [...String(name || '?').trim()][0]?.toUpperCase() || '?';
}

/** The decision timeline at a glance: target date, projected date, and the next open milestones. */
function glance(session, timeline) {
  const next = (timeline.milestones || []).filter((m) => m.status !== 'DONE')
    .sort((a, b) => (a.dueDate || '').localeCompare(b.dueDate || '')).slice(0, 3);
  const slip = timeline.slipDays;
  const verdict = timeline.projectedDate === null || timeline.projectedDate === undefined ? t('room.home.noProjection')
    : slip > 0 ? t('room.home.late', { count: slip })
      : t('room.home.onTime');
  return [
    h('h2', { id: 'glance-title' }, t('room.home.timeline')),
    h('dl', { class: 'facts glance-facts' },
      h('div', {}, h('dt', {}, t('room.home.target')), h('dd', {}, day(timeline.targetDecisionDate))),
      h('div', {}, h('dt', {}, t('room.home.projected')), h('dd', {}, day(timeline.projectedDate))),
      h('div', {}, h('dt', {}, t('room.home.outlook')), h('dd', { class: slip > 0 ? 'late' : null, 'data-slip': slip ?? '' }, verdict))),
    h('h3', { class: 'side-heading' }, t('room.home.nextMilestones')),
    next.length === 0 ? h('p', { class: 'muted' }, t('room.home.noMilestones'))
      : h('ol', { class: 'milestones' }, next.map((m) => h('li', { class: ['milestone-row', m.overdue && 'overdue'] },
        h('span', { class: 'milestone-date' }, day(m.dueDate)),
        h('span', { class: 'milestone-title' }, m.title || t('room.home.milestoneElsewhere'),
          session.group(m.groupId) ? h('span', { class: 'muted small' }, ` · ${session.group(m.groupId).name}`) : null),
        m.overdue ? h('span', { class: 'badge late' }, t('room.home.overdue')) : statusBadge('taskStatus', m.status)))),
    h('a', { href: `#/rooms/${session.roomId}/coordination`, class: 'more-link' }, t('room.home.fullTimeline')),
  ];
}

const EXCERPT = 140;

function excerpt(text) {
  if (!text) return null;
  const chars = [...text.replace(/\s+/gu, ' ').trim()];
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join('')}…` : chars.join('');
}

/**
 * An event of the log as a sentence, from the topic the dispatch table gives it and the item it carries (never
 * its wire name); null for what the feed does not tell. The server sends only events of my groups.
 */
function describe(session, event, topic) {
  const who = event.actor?.name || t('common.formerMember');
  const group = session.group(event.groupId)?.name || '';
  const item = event.item || {};
  const data = event.data || {};
  switch (topic) {
    case 'posts':
      if (item.deleted) return { sentence: t('room.feed.postDeleted', { who, group }) };
      if (item.editedAt) return { sentence: t('room.feed.postEdited', { who, group }), quote: excerpt(item.body) };
      if (item.announcement) return { sentence: t('room.feed.announced', { who, group }), quote: excerpt(item.body) };
      if (item.parentId) return { sentence: t('room.feed.replied', { who, group }), quote: excerpt(item.body) };
      return { sentence: t('room.feed.posted', { who, group }), quote: excerpt(item.body) };
    case 'tasks':
      if (item.rescheduled) return { sentence: t('room.feed.taskRescheduled', { group, task: item.title, date: day(item.dueDate) }) };
      if (!data.changed) return { sentence: t('room.feed.taskAdded', { who, group, task: item.title }) };
      if (data.changed.includes('status')) {
        return { sentence: t('room.feed.taskMoved', { who, group, task: item.title, status: label('taskStatus', item.status) }) };
      }
      return { sentence: t('room.feed.taskChanged', { who, group, task: item.title }) };
    case 'signoffs': {
      if (item.status === 'WITHDRAWN') return { sentence: t('room.feed.signoffWithdrawn', { who, title: item.title }) };
      const mine = (item.approvers || []).find((a) => a.memberId === event.actor?.memberId && a.decision);
      if (mine) {
        return { sentence: t('room.feed.signoffDecided', { who, title: item.title, decision: label('decision', mine.decision) }) };
      }
      return { sentence: t('room.feed.signoffRequested', { who, group, title: item.title }) };
    }
    case 'documents': {
      const versions = (item.versions || []).length;
      return versions > 1
        ? { sentence: t('room.feed.documentVersion', { who, name: item.name, version: versions }) }
        : { sentence: t('room.feed.documentShared', { who, group, name: item.name }) };
    }
    case 'groups':
      if (item.kind) return { sentence: t('room.feed.groupCreated', { who, group: item.name }) };
      return { sentence: t('room.feed.groupMembers', { who, group }) };
    case 'members':
      if (item.email) return { sentence: t('room.feed.memberAdded', { who, name: item.name }) };
      if (item.name) return { sentence: t('room.feed.memberRemoved', { who, name: item.name }) };
      return null;
    case 'room':
      return { sentence: t('room.feed.roomUpdated', { who }) };
    default:
      return null;
  }
}
