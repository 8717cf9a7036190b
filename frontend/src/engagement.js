// Engagement of the buyer's side, for the steering group only (the room view's may: engagement.view): each buyer's
// level with its reasons in plain sentences (under the level), last visit, visits in the last 14 days, share of key updates seen and
// of due tasks done on time. The reasons come from the server in the page's language. Every other word comes from
// the catalogue's `engagement` section.

import { h, fill } from './dom.js';
import { get } from './api.js';
import { ago } from './format.js';
import { statusBadge, avatar } from './widgets.js';
import { icon } from './icons.js';
import { t } from './i18n.js';

const REFRESH_ON = ['engagement', 'committee', 'members', 'resync'];

/** The section, or null for a member outside the steering group (the server would refuse them anyway). */
export function engagementSection(session) {
  if (!session.may('engagement.view')) return null;
  const el = h('section', { class: 'engagement', 'aria-labelledby': 'engagement-title' });
  let timer = null;

  async function load() {
    const view = await get(`/api/rooms/${session.roomId}/engagement`);
    fill(el,
      h('h2', { id: 'engagement-title' }, icon('lock'), ' ', t('engagement.title')),
      h('p', { class: 'muted small' }, t('engagement.sealed', { quiet: view.quietAfterDays })),
      view.stakeholders.length ? table(view.stakeholders) : h('p', { class: 'empty' }, t('engagement.noBuyers')));
  }

  function table(rows) {
    const columns = ['who', 'level', 'lastVisit', 'visits', 'seen', 'onTime'];
    const cell = (column, ...content) => h('td', { 'data-label': t(`engagement.column.${column}`) }, ...content);
    const share = (value, part, whole) => (value === null || value === undefined ? t('engagement.none')
      : t('engagement.share', { percent: Math.round(value * 100), part, count: whole }));
    return h('div', { class: 'table-wrap' }, h('table', { class: 'engagement-members' },
      h('caption', { class: 'sr-only' }, t('engagement.title')),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, t(`engagement.column.${c}`))))),
      h('tbody', {}, rows.map((p) => h('tr', { 'data-member-id': p.memberId, 'data-level': p.level },
        h('th', { scope: 'row' }, h('span', { class: 'person' }, avatar(p.name),
          h('span', { class: 'person-text' }, h('span', { class: 'person-name' }, p.name),
            h('span', { class: 'person-detail' }, [p.title, p.keyBuyer && t('engagement.keyBuyer')]
              .filter(Boolean).join(' · '))))),
        cell('level', statusBadge('engagementLevel', p.level), h('ul', { class: 'engagement-reasons' },
          p.reasons.map((r) => h('li', { 'data-code': r.code }, r.text)))),
        cell('lastVisit', ago(p.lastVisit)),
        cell('visits', String(p.visits14d)),
        cell('seen', share(p.keyUpdatesSeenShare, p.keyUpdatesSeen, p.keyUpdatesDue)),
        cell('onTime', share(p.tasksOnTimeShare, p.tasksOnTime, p.tasksDue)))))));
  }

  const stop = session.on(REFRESH_ON, () => {
    clearTimeout(timer); // a burst of events, one reload
    timer = setTimeout(() => load().catch(() => {}), 250);
  });
  return { el, load, dispose: () => { stop(); clearTimeout(timer); } };
}
