// The buying committee, for the steering group only (the room view's may: committee.view): each buyer with their
// buying roles and attitude, and the gaps of the committee's coverage in plain sentences. The owner
// (committee.edit) changes a role or an attitude in place and each change is saved at once, so a reload never
// takes away an unsaved choice. Every word comes from the catalogue's `committee` section.

import { h, fill } from './dom.js';
import { get, put } from './api.js';
import { ago, label } from './format.js';
import { errorText, showError, avatar } from './widgets.js';
import { icon } from './icons.js';
import { t } from './i18n.js';

const ROLES = ['ECONOMIC_BUYER', 'CHAMPION', 'TECHNICAL_EVALUATOR', 'LEGAL', 'PROCUREMENT', 'USER', 'SCEPTIC'];
const ATTITUDES = ['SUPPORTER', 'NEUTRAL', 'OPPONENT'];
const REFRESH_ON = ['committee', 'members', 'groups', 'resync'];

/** The section, or null for a member outside the steering group (the server would refuse them anyway). */
export function committeeSection(session) {
  if (!session.may('committee.view')) return null;
  const editable = session.may('committee.edit');
  const el = h('section', { class: 'committee', 'aria-labelledby': 'committee-title' });
  const saving = new Set(); // members whose change is on its way: a reload waits for it
  let timer = null;
  let view = null;

  async function load() {
    view = await get(`/api/rooms/${session.roomId}/committee`);
    render();
  }

  function render() {
    const focused = el.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
    fill(el,
      h('h2', { id: 'committee-title' }, icon('lock'), ' ', t('committee.title')),
      h('p', { class: 'muted small' }, t('committee.sealed')),
      gaps(),
      members());
    if (focused) el.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
  }

  function gaps() {
    if (!view.gaps.length) return h('p', { class: 'all-clear' }, icon('check'), t('committee.covered'));
    return h('ul', { class: 'reasons committee-gaps', 'aria-label': t('committee.gaps') }, view.gaps.map((gap) =>
      h('li', { class: `reason reason-${gap.code}`, 'data-code': gap.code }, icon('alert'), h('span', {}, gap.text))));
  }

  function members() {
    if (!view.members.length) return h('p', { class: 'empty' }, t('committee.noBuyers'));
    const columns = ['who', 'roles', 'attitude', 'lastActive'];
    return h('div', { class: 'table-wrap' }, h('table', { class: 'committee-members' },
      h('caption', { class: 'sr-only' }, t('committee.title')),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, t(`committee.column.${c}`))))),
      h('tbody', {}, view.members.map(row))));
  }

  function row(member) {
    const error = errorText();
    const cell = (column, ...content) => h('td', { 'data-label': t(`committee.column.${column}`) }, ...content);
    return h('tr', { 'data-member-id': member.memberId },
      h('th', { scope: 'row' }, h('span', { class: 'person' }, avatar(member.name),
        h('span', { class: 'person-text' }, h('span', { class: 'person-name' }, member.name),
          h('span', { class: 'person-detail' }, [member.title, member.decisionMaker && t('committee.decisionMaker')]
            .filter(Boolean).join(' · '))))),
      cell('roles', editable ? roleChoices(member, error) : roleList(member), error),
      cell('attitude', editable ? attitudeChoice(member, error)
        : h('span', { class: `attitude attitude-${member.attitude || 'none'}` },
          member.attitude ? label('attitude', member.attitude) : t('committee.notAssessed'))),
      cell('lastActive', h('span', { class: member.silent ? 'late' : null },
        member.silent ? t('committee.silentSince', { when: ago(member.lastActive) }) : ago(member.lastActive))));
  }

  function roleList(member) {
    return member.roles.length ? member.roles.map((role) => label('committeeRole', role)).join(', ')
      : h('span', { class: 'muted' }, t('committee.noRole'));
  }

  function roleChoices(member, error) {
    return h('fieldset', { class: 'committee-roles' },
      h('legend', { class: 'sr-only' }, t('committee.rolesOf', { name: member.name })),
      ROLES.map((role) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', value: role, checked: member.roles.includes(role),
          'data-focus-key': `${member.memberId}|${role}`,
          onchange: (e) => save(member, {
            roles: e.target.checked ? ROLES.filter((r) => r === role || member.roles.includes(r))
              : member.roles.filter((r) => r !== role),
            attitude: member.attitude ?? null,
          }, e.target, error) }),
        ' ', label('committeeRole', role))));
  }

  function attitudeChoice(member, error) {
    return h('select', { 'aria-label': t('committee.attitudeOf', { name: member.name }),
      'data-focus-key': `${member.memberId}|attitude`,
      onchange: (e) => save(member, { roles: member.roles, attitude: e.target.value || null }, e.target, error) },
    h('option', { value: '', selected: !member.attitude }, t('committee.notAssessed')),
    ATTITUDES.map((a) => h('option', { value: a, selected: member.attitude === a }, label('attitude', a))));
  }

  async function save(member, seat, control, error) {
    control.disabled = true;
    saving.add(member.memberId);
    showError(error, null);
    try {
      await put(`/api/rooms/${session.roomId}/committee/${member.memberId}`, seat);
      saving.delete(member.memberId);
      await load();
    } catch (e) {
      saving.delete(member.memberId);
      control.disabled = false;
      render(); // back to what is saved
      const shown = el.querySelector(`tr[data-member-id="${CSS.escape(member.memberId)}"] .error`);
      showError(shown || error, e);
    }
  }

  const stop = session.on(REFRESH_ON, () => {
    clearTimeout(timer); // a burst of events, one reload
    timer = setTimeout(() => { if (!saving.size) load().catch(() => {}); }, 250);
  });
  return { el, load, dispose: () => { stop(); clearTimeout(timer); } };
}
