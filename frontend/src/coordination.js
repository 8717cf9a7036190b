// The steering view: where the evaluation stands at a glance, progress per workstream, the milestones against the
// decision date, who is behind or has not seen what matters, the health verdict and its reasons, and nudges.
// Every word comes from the catalogue's `coordination` section.

import { h, s, fill } from './dom.js';
import { get, post } from './api.js';
import { day, ago, label, groupName } from './format.js';
import { healthBadge, statusBadge, errorText, showError, avatar } from './widgets.js';
import { icon } from './icons.js';
import { t } from './i18n.js';
import { committeeSection } from './committee.js';
import { engagementSection } from './engagement.js';

const REFRESH_ON = ['tasks', 'signoffs', 'posts', 'documents', 'groups', 'members', 'room', 'nudges', 'committee'];

const NUDGES = [
  { topic: 'OVERDUE_TASKS', applies: (p) => p.tasksOverdue > 0, text: 'coordination.nudge.overdue',
    name: 'coordination.nudge.overdueLabel' },
  { topic: 'UNSEEN_UPDATES', applies: (p) => p.keyUpdatesNotSeen > 0, text: 'coordination.nudge.unseen',
    name: 'coordination.nudge.unseenLabel' },
];

export async function coordinationView(session) {
  const el = h('div', { class: 'page coordination' });
  // What this visit did, kept across the reloads live events cause: a nudge's confirmation stays, and a refused
  // nudge's error stays beside its button until dismissed.
  const nudged = new Set();
  const refusals = new Map();
  let timer = null;
  // The buying committee, steering members only: one section kept across reloads, which refreshes itself.
  const committee = committeeSection(session);
  // Engagement of the buyer's side, steering members only, likewise.
  const engagement = engagementSection(session);

  async function render() {
    const progress = await get(`/api/rooms/${session.roomId}/progress`);
    const focused = el.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
    // a decided deal has an outcome, not a health: its figures stay as they stood, without warnings
    const closed = Boolean(session.room.closedAt);
    fill(el,
      h('div', { class: 'card-head coordination-head' },
        h('h1', {}, t('coordination.title')),
        closed ? statusBadge('roomStatus', session.room.status) : healthBadge(progress.health.verdict)),
      progress.steering ? null : h('p', { class: 'muted' }, t('coordination.ownGroupsOnly')),
      summary(progress),
      closed ? null : reasons(progress),
      h('h2', { id: 'workstreams-title' }, t('coordination.workstreams')),
      h('ul', { class: 'workstreams', 'aria-labelledby': 'workstreams-title' }, groupCards(progress.groups)),
      h('h2', { id: 'milestones-title' }, t('coordination.milestones')),
      timeline(progress.timeline, progress.groups),
      h('h2', { id: 'stakeholders-title' }, t('coordination.stakeholders')),
      stakeholders(progress),
      engagement?.el,
      committee?.el);
    if (focused) el.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
  }

  function summary(progress) {
    const sum = (field) => progress.groups.reduce((total, g) => total + g[field], 0);
    const total = sum('tasksTotal');
    const done = sum('tasksDone');
    const tile = (key, value, tone) => h('li', { class: ['stat', tone && `stat-${tone}`], 'data-stat': key },
      h('span', { class: 'stat-value' }, value),
      h('span', { class: 'stat-label' }, t(`coordination.summary.${key}`)));
    const overdue = sum('tasksOverdue');
    const blocked = sum('tasksBlocked');
    return h('ul', { class: 'stats', 'aria-label': t('coordination.summary.title') },
      tile('done', t('coordination.summary.ratio', { done, count: total }), null),
      tile('overdue', t('coordination.summary.number', { count: overdue }), overdue ? 'bad' : null),
      tile('blocked', t('coordination.summary.number', { count: blocked }), blocked ? 'warn' : null),
      tile('signoffs', t('coordination.summary.number', { count: sum('signoffsOpen') }), null));
  }

  function reasons(progress) {
    if (!progress.health.reasons.length) {
      return h('p', { class: 'all-clear' }, icon('check'), t('coordination.nothingToDo'));
    }
    return h('ul', { class: 'reasons', 'aria-label': t('coordination.why') }, progress.health.reasons.map((r) =>
      h('li', { class: `reason reason-${r.code}` }, icon('alert'), h('span', {}, r.text))));
  }

  function groupCards(groups) {
    let hidden = 0; // a group whose name is not mine to see is "Private group N", N in the view's order
    return groups.map((g) => {
      const name = g.name != null ? groupName(g) : t('coordination.privateGroup', { count: (hidden += 1) });
      return groupCard(g, name);
    });
  }

  function groupCard(g, name) {
    const percent = g.tasksTotal ? Math.round((100 * g.tasksDone) / g.tasksTotal) : 0;
    const facts = g.tasksTotal ? [t('coordination.group.tasksDone', { done: g.tasksDone, count: g.tasksTotal })] : [];
    if (g.tasksOverdue) facts.push(t('coordination.group.overdue', { count: g.tasksOverdue }));
    if (g.tasksBlocked) facts.push(t('coordination.group.blocked', { count: g.tasksBlocked }));
    if (g.signoffsOpen) facts.push(t('coordination.group.signoffsOpen', { count: g.signoffsOpen }));
    if (g.keyUpdatesNotSeenByAll) facts.push(t('coordination.group.unseen', { count: g.keyUpdatesNotSeenByAll }));
    facts.push(g.daysSinceLastActivity === 0 ? t('coordination.group.activeToday')
      : t('coordination.group.activeDaysAgo', { count: g.daysSinceLastActivity }));
    const title = g.member ? h('a', { href: `#/rooms/${session.roomId}/groups/${g.groupId}` }, name)
      : h('span', {}, icon('lock'), ' ', name);
    return h('li', { class: ['workstream', (g.tasksOverdue || g.tasksBlocked) && 'attention'], 'data-group-key': g.key || g.groupId },
      h('div', { class: 'workstream-head' }, title,
        h('span', { class: 'percent' }, g.tasksTotal ? t('coordination.group.percent', { percent }) : t('coordination.group.noTasks'))),
      g.tasksTotal ? h('progress', { max: 100, value: percent, 'aria-label': t('coordination.group.progressLabel', { name, percent }) }) : null,
      h('p', { class: 'muted small' }, facts.join(' · ')));
  }

  function stakeholders(progress) {
    const canNudge = session.may('nudge.send');
    const columns = ['who', 'tasks', 'overdue', 'lastSeen', 'unseen', canNudge && 'nudge'].filter(Boolean);
    const cell = (column, content, cls) => h('td', { class: cls, 'data-label': t(`coordination.column.${column}`) }, content);
    return h('div', { class: 'table-wrap stakeholders-wrap' }, h('table', { class: 'stakeholders' },
      h('caption', { class: 'sr-only' }, t('coordination.stakeholders')),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c === 'who' ? null : `col-${c}` },
        t(`coordination.column.${c}`))))),
      h('tbody', {}, progress.stakeholders.map((p) => h('tr', { 'data-member-id': p.memberId },
        h('th', { scope: 'row' }, h('span', { class: 'person' }, avatar(p.name),
          h('span', { class: 'person-text' }, h('span', { class: 'person-name' }, p.name),
            h('span', { class: 'person-detail' }, [p.title, t(`coordination.side.${p.side === 'SELLER' ? 'seller' : 'buyer'}`),
              p.decisionMaker && t('coordination.decisionMaker')].filter(Boolean).join(' · '))))),
        cell('tasks', String(p.tasksOwned), 'number'),
        cell('overdue', String(p.tasksOverdue), ['number', p.tasksOverdue && 'late']),
        cell('lastSeen', ago(p.lastSeen), null),
        cell('unseen', String(p.keyUpdatesNotSeen), ['number', p.keyUpdatesNotSeen && 'late']),
        canNudge ? cell('nudge', h('div', { class: 'nudges' },
          NUDGES.filter((n) => n.applies(p)).map((n) => nudgeControl(p, n))), 'nudge-cell') : null)))));
  }

  /** A nudge's button with its error beside it; once sent, a confirmation that stays in its place. */
  function nudgeControl(person, nudge) {
    const key = `${person.memberId}|${nudge.topic}`;
    const place = h('div', { class: 'nudge', 'data-topic': nudge.topic });
    const sent = () => fill(place, h('span', { class: 'done-note', role: 'status', tabindex: -1, 'data-focus-key': `sent|${key}` },
      icon('check'), t('coordination.nudge.sent')));
    if (nudged.has(key)) return sent();
    const error = errorText();
    const button = h('button', { type: 'button', class: 'small-button', 'data-focus-key': key,
      'aria-label': t(nudge.name, { name: person.name }),
      onclick: async () => {
        button.disabled = true;
        refusals.delete(key);
        showError(error, null);
        try {
          await post(`/api/rooms/${session.roomId}/members/${person.memberId}/nudges`, { topic: nudge.topic });
          nudged.add(key);
          sent().firstChild.focus();
        } catch (e) {
          refusals.set(key, e);
          showError(error, e, () => { refusals.delete(key); button.focus(); });
        } finally {
          button.disabled = false;
        }
      } }, icon('bell'), t(nudge.text));
    if (refusals.has(key)) showError(error, refusals.get(key), () => { refusals.delete(key); button.focus(); });
    return fill(place, button, error);
  }

  await Promise.all([render(), committee?.load(), engagement?.load()]);
  const stop = session.on(['resync', ...REFRESH_ON], () => {
    clearTimeout(timer); // a burst of events, one reload
    timer = setTimeout(() => render().catch(() => {}), 250);
  });
  return { el, dispose: () => { stop(); clearTimeout(timer); committee?.dispose(); engagement?.dispose(); } };
}

/**
 * The milestones on a time axis with the server's today and the target decision date. Each milestone is a row:
 * its words as HTML (they wrap on a phone), its place on the axis as a small SVG track drawn in percentages, so
 * the figure fits any width without shrinking its text or scrolling.
 */
function timeline(tl, groups) {
  const groupLabel = (id) => groups.find((g) => g.groupId === id)?.label || '';
  const dates = [tl.targetDecisionDate, tl.today, tl.projectedDate, ...tl.milestones.map((m) => m.dueDate)].filter(Boolean);
  const toDay = (iso) => Date.UTC(...iso.split('-').map((n, i) => Number(n) - (i === 1 ? 1 : 0))) / 86400000;
  const start = Math.min(...dates.map(toDay)) - 3;
  const end = Math.max(...dates.map(toDay)) + 3;
  const at = (iso) => `${(2 + ((toDay(iso) - start) / (end - start)) * 96).toFixed(2)}%`;
  const summary = tl.slipDays === null || tl.slipDays === undefined ? t('coordination.timeline.noneOpen')
    : tl.slipDays > 0 ? t('coordination.timeline.late', { date: day(tl.projectedDate), count: tl.slipDays })
      : t('coordination.timeline.onTime', { date: day(tl.projectedDate) });
  const guides = () => [
    s('line', { class: 'axis', x1: '0%', x2: '100%', y1: '50%', y2: '50%' }),
    s('line', { class: 'today', x1: at(tl.today), x2: at(tl.today), y1: 0, y2: '100%' }),
    tl.targetDecisionDate ? s('line', { class: 'decision', x1: at(tl.targetDecisionDate), x2: at(tl.targetDecisionDate), y1: 0, y2: '100%' }) : null,
  ];
  const rows = tl.milestones.map((m) => {
    const state = m.status === 'DONE' ? 'done' : m.overdue ? 'late' : m.status === 'BLOCKED' ? 'blocked' : 'open';
    return h('li', { class: `milestone ${state}`, 'data-task-id': m.taskId },
      h('div', { class: 'milestone-text' },
        h('span', { class: 'milestone-title' }, m.title || t('coordination.timeline.privateMilestone', { group: groupLabel(m.groupId) })),
        h('span', { class: 'milestone-meta' }, day(m.dueDate), ' · ',
          h('span', { class: 'milestone-state' }, m.overdue && m.status !== 'DONE'
            ? t('coordination.timeline.overdue', { status: label('taskStatus', m.status) }) : label('taskStatus', m.status)))),
      s('svg', { class: 'track', width: '100%', height: 20, 'aria-hidden': 'true', focusable: 'false' },
        guides(), s('circle', { cx: at(m.dueDate), cy: '50%', r: 6 })));
  });
  return h('figure', { class: 'timeline-figure', 'aria-labelledby': 'milestones-title' },
    h('ul', { class: 'timeline-legend' },
      h('li', { class: 'legend-today' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }),
        t('coordination.timeline.today', { date: day(tl.today) })),
      tl.targetDecisionDate ? h('li', { class: 'legend-decision' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }),
        t('coordination.timeline.decision', { date: day(tl.targetDecisionDate) })) : null),
    rows.length ? h('ol', { class: 'timeline' }, rows) : h('p', { class: 'empty' }, t('coordination.timeline.noMilestones')),
    h('figcaption', { class: ['timeline-summary', tl.slipDays > 0 && 'late'] }, summary));
}
