// How dates, money and enum values read on screen.

const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** "2026-12-01" (a LocalDate) → "1 Dec 2026", in the reader's locale. */
export function day(isoDate) {
  if (!isoDate) return '—';
  const [y, m, d] = isoDate.split('-').map(Number);
  return dateFormat.format(new Date(y, m - 1, d));
}

export function moment(isoInstant) {
  return isoInstant ? timeFormat.format(new Date(isoInstant)) : '—';
}

export function ago(isoInstant) {
  if (!isoInstant) return 'never';
  const minutes = Math.round((Date.now() - new Date(isoInstant).getTime()) / 60000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

export function money(amount, currency) {
  if (amount === null || amount === undefined) return '—';
  if (!currency) return new Intl.NumberFormat().format(amount);
  return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
}

/** "IN_PROGRESS" → "In progress". */
export function label(enumValue) {
  if (!enumValue) return '';
  const text = enumValue.replaceAll('_', ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function bytes(size) {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
