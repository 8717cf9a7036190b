// The page's entry point: who is signed in, which screen the address names (#/…), the live banner.

import { h, fill } from './dom.js';
import { get, post, onSignedOut, ApiError } from './api.js';
import { pipelineView } from './pipeline.js';
import { RoomSession, roomLayout, overviewView, settingsView } from './room.js';
import { groupView } from './group.js';
import { coordinationView } from './coordination.js';

const main = document.getElementById('main');
const banner = document.getElementById('banner');
const who = document.getElementById('who');
const RETURN_KEY = 'dealroom.return';

let session = null; // the open room, with its WebSocket
let screen = null; // what is on screen, to dispose of before the next
let navigation = 0;

const STATUS_TEXT = {
  idle: null,
  connecting: null,
  live: null,
  reconnecting: 'Reconnecting… Changes made meanwhile will appear when the connection is back.',
  removed: 'You no longer have access to this room.',
  'signed-out': 'Your session has ended. Sign in again to continue.',
};

function showStatus(status) {
  const text = STATUS_TEXT[status];
  banner.hidden = !text;
  fill(banner, text || '');
  banner.dataset.status = status;
}

function signInScreen() {
  fill(who);
  fill(main, h('div', { class: 'page sign-in' },
    h('h1', {}, 'Deal Room'),
    h('p', {}, 'One place for everyone in the evaluation: the plan, the discussion, the sign-offs and the documents.'),
    h('a', { href: '/login', class: 'button primary', onclick: () => sessionStorage.setItem(RETURN_KEY, location.hash) },
      'Sign in')));
}

function closeRoom() {
  session?.stop();
  session = null;
  showStatus('idle');
}

async function route() {
  if (location.hash && !location.hash.startsWith('#/')) return; // an in-page anchor, such as the skip link
  const ticket = ++navigation;
  screen?.dispose?.();
  screen = null;
  const [, area, roomId, part, id, tab] = (location.hash || '#/').slice(1).split('/');
  try {
    let view;
    if (area === 'rooms' && roomId) {
      if (session?.roomId !== roomId) {
        closeRoom();
        session = await new RoomSession(roomId, showStatus).start();
      }
      const current = part === 'groups' ? id : ['coordination', 'settings'].includes(part) ? part : 'overview';
      const content = part === 'groups' ? await groupView(session, id, tab)
        : part === 'coordination' ? await coordinationView(session)
          : part === 'settings' ? await settingsView(session) : overviewView(session);
      const layout = roomLayout(session, current, content.el);
      view = { el: layout.el, dispose: () => { content.dispose?.(); layout.dispose(); } };
    } else if (area === 'join' && roomId) {
      closeRoom();
      const token = roomId; // #/join/<token>: the second part is the invitation's token, not a room
      const joined = await post('/api/invitations/claim', { token });
      location.replace(`#/rooms/${joined.roomId}`); // the link is used up: keep it out of the history
      return;
    } else {
      closeRoom();
      view = { el: await pipelineView() };
    }
    if (ticket !== navigation) {
      view.dispose?.();
      return;
    }
    screen = view;
    fill(main, view.el);
    main.focus({ preventScroll: true });
  } catch (e) {
    if (ticket !== navigation) return;
    if (e instanceof ApiError && e.status === 401) return;
    const invitation = e instanceof ApiError && e.code.startsWith('invitation-');
    fill(main, h('div', { class: 'page' },
      h('h1', {}, invitation ? 'This invitation cannot be used'
        : e instanceof ApiError && e.status === 404 ? 'Not found' : 'Something went wrong'),
      h('p', {}, !invitation && e instanceof ApiError && e.status === 404
        ? 'This room or group does not exist, or you are not in it.' : e.message),
      invitation ? h('p', {}, 'Ask the person who invited you to send a new invitation.') : null,
      h('a', { href: '#/' }, 'Back to my rooms')));
  }
}

async function start() {
  onSignedOut(() => {
    closeRoom();
    signInScreen();
  });
  let me;
  try {
    me = await get('/api/me');
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) {
      fill(main, h('p', { class: 'error' }, e.message));
    }
    return; // the 401 already showed the sign-in screen
  }
  fill(who, h('span', { class: 'me' }, me.name), ' ', h('a', { href: '/logout', class: 'sign-out' }, 'Sign out'));
  const back = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  if (back && back !== location.hash) location.hash = back;
  window.addEventListener('hashchange', route);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && session?.shownGroupId) session.markRead(session.shownGroupId);
  });
  route();
}

start();
