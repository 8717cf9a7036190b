// The page's one icon set: small inline SVGs (24-unit grid, drawn with the current text colour), decorative
// unless given a label. Add an icon here, never an image file or an icon font.

import { s } from './dom.js';

const PATHS = {
  bell: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4l2-2zM10 20a2 2 0 0 0 4 0',
  check: 'M5 12l5 5 9-10',
  close: 'M6 6l12 12M18 6L6 18',
  edit: 'M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  people: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21c0-4 3-6 7-6s7 2 7 6M17 11a3 3 0 1 0 0-6M22 20c0-3-2-5-5-5',
  settings: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 12a7 7 0 0 0-.1-1.2l2-1.6-2-3.4-2.4 1a7 7 0 0 0-2-1.2L14 3h-4l-.5 2.6a7 7 0 0 0-2 1.2l-2.4-1-2 3.4 2 1.6a7 7 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-1a7 7 0 0 0 2 1.2L10 21h4l.5-2.6a7 7 0 0 0 2-1.2l2.4 1 2-3.4-2-1.6c.1-.4.1-.8.1-1.2z',
  home: 'M3 11l9-8 9 8M5 9v11h5v-6h4v6h5V9',
  calendar: 'M4 6h16v14H4zM4 10h16M8 3v5M16 3v5',
  file: 'M6 3h8l4 4v14H6zM14 3v4h4',
  send: 'M4 12l16-8-6 16-2-7-8-1z',
  chart: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  up: 'M12 19V5M5 12l7-7 7 7',
  down: 'M12 5v14M5 12l7 7 7-7',
};

/** An icon by name; with `label` it is announced (role img), without it is hidden from assistive technology. */
export function icon(name, label = null) {
  const path = PATHS[name];
  if (!path) throw new Error(`No icon ${name}`);
  return s('svg', { class: ['icon', `icon-${name}`], viewBox: '0 0 24 24', width: 20, height: 20,
    'aria-hidden': label ? null : 'true', role: label ? 'img' : null, 'aria-label': label, focusable: 'false' },
  s('path', { d: path, fill: 'none', stroke: 'currentColor', 'stroke-width': 1.8, 'stroke-linecap': 'round',
    'stroke-linejoin': 'round' }));
}
