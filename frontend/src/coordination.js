// The steering view: progress per workstream, the milestone timeline against the decision date, who is behind
// or has not seen what matters, the health verdict and its reasons, and nudges.

import { h, s, fill } from './dom.js';
import { get, post } from './api.js';
import { day, ago, label } from './format.js';
import { healthBadge, errorText, acting } from './widgets.js';

const REFRESH_ON = ['tasks', 'signoffs', 'posts', 'documents', 'groups', 'members', 'room', 'nudges'];

export async function coordinationView(session) {
  const el = h('div', { class: 'page coordination' });
  const error = errorText();
  let timer = null;

  async function render() {
    const progress = await get(`/api/rooms/${session.roomId}/progress`);
    fill(el,
      h('div', { class: 'card-head' }, h('h1', {}, 'Coordination'), healthBadge(progress.health.verdict)),
      progress.steering ? null : h('p', { class: 'muted' }, 'Figures of the groups you are in.'),
      reasons(progress),
      h('h2', {}, 'Workstreams'),
      h('ul', { class: 'workstreams', 'aria-label': 'Progress per group' }, progress.groups.map(groupBar)),
      h('h2', {}, 'Milestones'),
      timeline(progress.timeline),
      h('h2', {}, 'Stakeholders'),
      stakeholders(progress),
      error);
  }

  function reasons(progress) {
    if (!progress.health.reasons.length) return h('p', { class: 'muted' }, 'Nothing needs attention.');
    return h('ul', { class: 'reasons', 'aria-label': 'Why' }, progress.health.reasons.map((r) =>
      h('li', { class: `reason reason-${r.code}` }, r.text)));
  }

  function groupBar(g) {
    const percent = g.tasksTotal ? Math.round((100 * g.tasksDone) / g.tasksTotal) : 0;
    const facts = [`${g.tasksDone}/${g.tasksTotal} tasks done`];
    if (g.tasksOverdue) facts.push(`${g.tasksOverdue} overdue`);
    if (g.tasksBlocked) facts.push(`${g.tasksBlocked} blocked`);
    if (g.signoffsOpen) facts.push(`${g.signoffsOpen} sign-off${g.signoffsOpen > 1 ? 's' : ''} open`);
    if (g.keyUpdatesNotSeenByAll) facts.push(`${g.keyUpdatesNotSeenByAll} update${g.keyUpdatesNotSeenByAll > 1 ? 's' : ''} not seen by all`);
    facts.push(`active ${g.daysSinceLastActivity === 0 ? 'today' : `${g.daysSinceLastActivity} d ago`}`);
    // label: the group's name, or "Private group N" for a group whose name is not mine to see.
    const name = g.member ? h('a', { href: `#/rooms/${session.roomId}/groups/${g.groupId}` }, g.label) : h('span', {}, g.label);
    return h('li', { class: ['workstream', (g.tasksOverdue || g.tasksBlocked) && 'attention'], 'data-group-key': g.key || g.groupId },
      h('div', { class: 'workstream-head' }, name,
        h('span', { class: 'percent' }, g.tasksTotal ? `${percent}%` : 'no tasks')),
      g.tasksTotal ? h('progress', { max: 100, value: percent, 'aria-label': `${g.label}: ${percent}% of tasks done` }) : null,
      h('p', { class: 'muted small' }, facts.join(' · ')));
  }

  function stakeholders(progress) {
    const canNudge = session.manager;
    return h('div', { class: 'table-wrap' }, h('table', { class: 'stakeholders' },
      h('caption', { class: 'sr-only' }, 'Stakeholders'),
      h('thead', {}, h('tr', {}, ['Who', 'Tasks', 'Overdue', 'Last seen', 'Unseen updates', canNudge ? 'Nudge' : null]
        .filter(Boolean).map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, progress.stakeholders.map((p) => h('tr', { 'data-member-id': p.memberId },
        h('th', { scope: 'row' }, h('span', {}, p.name), h('br'),
          h('span', { class: 'muted small' }, [p.title, p.side === 'SELLER' ? 'seller' : 'buyer', p.decisionMaker && 'decision-maker']
            .filter(Boolean).join(' · '))),
        h('td', {}, String(p.tasksOwned)),
        h('td', { class: p.tasksOverdue ? 'late' : null }, String(p.tasksOverdue)),
        h('td', {}, ago(p.lastSeen)),
        h('td', { class: p.keyUpdatesNotSeen ? 'late' : null }, String(p.keyUpdatesNotSeen)),
        canNudge ? h('td', {}, h('div', { class: 'nudge-buttons' },
          p.tasksOverdue ? nudgeButton(p, 'OVERDUE_TASKS', 'About overdue tasks') : null,
          p.keyUpdatesNotSeen ? nudgeButton(p, 'UNSEEN_UPDATES', 'About unseen updates') : null)) : null)))));
  }

  function nudgeButton(person, topic, text) {
    return h('button', { type: 'button', class: 'small-button', 'aria-label': `Nudge ${person.name} ${text.toLowerCase()}`,
      onclick: (e) => {
        const button = e.currentTarget;
        acting(button, error, async () => {
          await post(`/api/rooms/${session.roomId}/members/${person.memberId}/nudges`, { topic });
          fill(button, 'Nudged');
          button.disabled = true;
        });
      } }, text);
  }

  await render();
  const stop = session.on(['resync', ...REFRESH_ON], () => {
    clearTimeout(timer); // a burst of events, one reload
    timer = setTimeout(() => render().catch(() => {}), 250);
  });
  return { el, dispose: () => { stop(); clearTimeout(timer); } };
}

/** Milestones on a time axis, with the server's today and the target decision date; SVG, text as text nodes. */
function timeline(t) {
  const dates = [t.targetDecisionDate, t.today, t.projectedDate, ...t.milestones.map((m) => m.dueDate)].filter(Boolean);
  const toDay = (iso) => Date.UTC(...iso.split('-').map((n, i) => Number(n) - (i === 1 ? 1 : 0))) / 86400000;
  const start = Math.min(...dates.map(toDay)) - 3;
  const end = Math.max(...dates.map(toDay)) + 3;
  const width = 720;
  const rowHeight = 26;
  const top = 34;
  const height = top + Math.max(1, t.milestones.length) * rowHeight + 10;
  const x = (iso) => 12 + ((toDay(iso) - start) / (end - start)) * (width - 24);
  const anchor = (at) => (at < width * 0.15 ? 'start' : at > width * 0.85 ? 'end' : 'middle');
  const marker = (iso, text, cls) => s('g', { class: cls },
    s('line', { x1: x(iso), x2: x(iso), y1: 18, y2: height - 4 }),
    s('text', { x: x(iso), y: 12, 'text-anchor': anchor(x(iso)) }, text));
  const summary = t.slipDays === null || t.slipDays === undefined ? 'No open milestones.'
    : t.slipDays > 0 ? `Projected ${day(t.projectedDate)}: ${t.slipDays} days after the decision date.`
      : `Projected ${day(t.projectedDate)}: on time for the decision date.`;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'timeline', role: 'img',
    'aria-label': `Milestone timeline. Decision date ${day(t.targetDecisionDate)}. ${summary}` },
  marker(t.today, 'today', 'today'),
  marker(t.targetDecisionDate, `decision ${day(t.targetDecisionDate)}`, 'decision'),
  t.milestones.map((m, i) => {
    const y = top + i * rowHeight + rowHeight / 2;
    const cls = m.status === 'DONE' ? 'done' : m.overdue ? 'late' : m.status === 'BLOCKED' ? 'blocked' : 'open';
    const anchorEnd = x(m.dueDate) > width * 0.6;
    return s('g', { class: `milestone ${cls}` },
      s('circle', { cx: x(m.dueDate), cy: y, r: 6 }),
      s('text', { x: x(m.dueDate) + (anchorEnd ? -10 : 10), y: y + 4, 'text-anchor': anchorEnd ? 'end' : 'start' },
        `${m.title || 'Milestone'} · ${day(m.dueDate)} · ${label('taskStatus', m.status)}`));
  }));
  return h('figure', { class: 'timeline-figure' }, svg, h('figcaption', { class: 'muted small' }, summary));
}
