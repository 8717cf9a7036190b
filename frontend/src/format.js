// How dates, money, sizes and enum values read on screen, in the page's language.

import { currentLanguage, t, has } from './i18n.js';

const formats = new Map();
function format(kind, options) {
  const key = `${currentLanguage()}|${kind}`;
  if (!formats.has(key)) formats.set(key, options());
  return formats.get(key);
}

const dateFormat = () => format('date', () => new Intl.DateTimeFormat(currentLanguage(),
  { day: 'numeric', month: 'short', year: 'numeric' }));
const timeFormat = () => format('time', () => new Intl.DateTimeFormat(currentLanguage(),
  { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }));
const relative = () => format('relative', () => new Intl.RelativeTimeFormat(currentLanguage(), { numeric: 'auto' }));

/** "2026-12-01" (a LocalDate) → "1 Dec 2026" / "1 déc. 2026". */
export function day(isoDate) {
  if (!isoDate) return '—';
  const [y, m, d] = isoDate.split('-').map(Number);
  return dateFormat().format(new Date(y, m - 1, d));
}

/** The day of an instant, in the reader's time zone. */
export function dayOf(isoInstant) {
  return isoInstant ? dateFormat().format(new Date(isoInstant)) : '—';
}

export function moment(isoInstant) {
  return isoInstant ? timeFormat().format(new Date(isoInstant)) : '—';
}

/** "5 minutes ago" / "il y a 5 minutes"; `never` when there is no time. */
export function ago(isoInstant) {
  if (!isoInstant) return t('time.never');
  const minutes = Math.round((Date.now() - new Date(isoInstant).getTime()) / 60000);
  if (minutes < 1) return t('time.justNow');
  if (minutes < 60) return relative().format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return relative().format(-hours, 'hour');
  // whole days elapsed, as the server counts them in its sentences ("silent for 11 days")
  return relative().format(-Math.floor(minutes / 1440), 'day');
}

export function money(amount, currency) {
  if (amount === null || amount === undefined) return '—';
  if (!currency) return new Intl.NumberFormat(currentLanguage()).format(amount);
  return new Intl.NumberFormat(currentLanguage(), { style: 'currency', currency, maximumFractionDigits: 0 })
    .format(amount);
}

export function count(value) {
  return new Intl.NumberFormat(currentLanguage()).format(value);
}

/**
 * An enum value in words: `label('taskStatus', 'IN_PROGRESS')` reads the catalogue's `enum.taskStatus.IN_PROGRESS`
 * ("In progress" / "En cours"); a value the catalogue does not know yet reads as itself, capitalised.
 */
export function label(kind, value) {
  if (!value) return '';
  const key = `enum.${kind}.${value}`;
  if (has(key)) return t(key);
  const text = value.replaceAll('_', ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function bytes(size) {
  const unit = (key, value, digits) => t(`size.${key}`, { size: new Intl.NumberFormat(currentLanguage(),
    { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value) });
  if (size < 1024) return unit('b', size, 0);
  if (size < 1024 * 1024) return unit('kb', size / 1024, 1);
  return unit('mb', size / 1024 / 1024, 1);
}

/**
 * A group's name as the reader says it: a default group (it has a `key`: everyone, steering, proof…) is named in
 * the page's language; a group people named keeps the name they gave it.
 */
export function groupName(group) {
  if (group?.key && has(`common.defaultGroups.${group.key}`)) return t(`common.defaultGroups.${group.key}`);
  return group?.name ?? '';
}
