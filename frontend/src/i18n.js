// The page's words: one catalogue per language (frontend/i18n/<language>.json), chosen once at start from the
// language the server remembers for me, else the browser's; dates, numbers and plurals follow it.
// CatalogueTest fails the build when a key is missing in one language or a t('…') names no key.

export const LANGUAGES = Object.freeze(['en', 'fr']);
const FALLBACK = 'en';

let language = FALLBACK;
let words = {};

/** The language of the page: 'en' or 'fr'. */
export function currentLanguage() {
  return language;
}

/** The first supported language among `preferred` (the remembered one, then the browser's), else English. */
export function pickLanguage(...preferred) {
  for (const tag of preferred.flat()) {
    const base = String(tag || '').toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return FALLBACK;
}

/** Loads a language's catalogue; the page calls it once, before it shows anything in words. */
export async function useLanguage(chosen) {
  const response = await fetch(`/i18n/${chosen}.json`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`No catalogue for ${chosen}`);
  words = await response.json();
  language = chosen;
  document.documentElement.lang = chosen;
}

function lookup(key) {
  let node = words;
  for (const part of key.split('.')) {
    node = node?.[part];
  }
  return node;
}

const pluralRules = new Map();
function pluralForm(count) {
  if (!pluralRules.has(language)) pluralRules.set(language, new Intl.PluralRules(language));
  return pluralRules.get(language).select(count);
}

/**
 * The text of `key` with `{name}` placeholders filled from `params`. A key whose entry is an object of plural
 * forms ({"one": …, "other": …}) picks the form for `params.count`; numbers are written in the page's locale.
 * A missing key shows itself (and is logged), so a gap is visible rather than blank.
 */
export function t(key, params = {}) {
  let entry = lookup(key);
  if (entry && typeof entry === 'object') {
    entry = entry[pluralForm(Number(params.count))] ?? entry.other;
  }
  if (typeof entry !== 'string') {
    console.error(`Missing text: ${key}`);
    return key;
  }
  return entry.replace(/\{(\w+)\}/g, (whole, name) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    return typeof value === 'number' ? number(value) : String(value);
  });
}

/** Whether the catalogue has `key` (for texts that exist for some codes only, such as problem codes). */
export function has(key) {
  return lookup(key) !== undefined;
}

function number(value) {
  return new Intl.NumberFormat(language).format(value);
}
