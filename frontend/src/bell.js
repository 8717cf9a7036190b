// The notifications menu in the header: nudges, mentions and sign-off requests addressed to me.

import { h } from './dom.js';

/** The bell for the signed-in person `me`; attach(session) while a room is open, detach() when it closes. */
export function createBell(me) {
  return {
    el: h('span', { class: 'bell', hidden: true, 'data-for': me.email || '' }),
    attach() {},
    detach() {},
  };
}
