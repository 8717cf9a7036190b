// The page's entry point: who is signed in, which screen the address names (#/…), the live banner.

import { h, fill } from './dom.js';
import { get, post, put, onSignedOut, ApiError } from './api.js';
import { t, useLanguage, pickLanguage, currentLanguage, LANGUAGES } from './i18n.js';
import { homeView } from './home.js';
import { RoomSession } from './session.js';
import { roomLayout, overviewView } from './room.js';
import { settingsView } from './settings.js';
import { peopleView } from './people.js';
import { createBell } from './bell.js';
import { groupView } from './group.js';
import { coordinationView } from './coordination.js';

const main = document.getElementById('main');
const banner = document.getElementById('banner');
const who = document.getElementById('who');
let bell = null; // the notifications menu in the header, once signed in
let me = null; // who is signed in
const RETURN_KEY = 'dealroom.return';
const LANGUAGE_KEY = 'dealroom.language'; // this browser's last choice, for the sign-in screen

let session = null; // the open room, with its WebSocket
let screen = null; // what is on screen, to dispose of before the next
let navigation = 0;

const STATUS_TEXT = { reconnecting: 'live.reconnecting', removed: 'live.removed', 'signed-out': 'live.signedOut',
  'access-ended': 'live.accessEnded' };

function showStatus(status) {
  const text = STATUS_TEXT[status] ? t(STATUS_TEXT[status]) : null;
  banner.hidden = !text;
  fill(banner, text || '');
  banner.dataset.status = status;
}

function signInScreen() {
  fill(who, languageSwitch(false));
  fill(main, h('div', { class: 'page sign-in' },
    h('h1', {}, t('app.name')),
    h('p', {}, t('signIn.pitch')),
    h('a', { href: '/login', class: 'button primary', onclick: () => sessionStorage.setItem(RETURN_KEY, location.hash) },
      t('signIn.action'))));
}

/** The language menu: the choice is remembered by the server for a signed-in person, by this browser otherwise. */
function languageSwitch(signedIn) {
  const select = h('select', { class: 'language', 'aria-label': t('app.language') },
    LANGUAGES.map((code) => h('option', { value: code, selected: code === currentLanguage(), lang: code },
      t(`app.languages.${code}`))));
  select.addEventListener('change', async () => {
    localStorage.setItem(LANGUAGE_KEY, select.value);
    if (signedIn) {
      try {
        await put('/api/me/language', { language: select.value });
      } catch (e) {
        // the page changes language anyway; the server keeps the previous choice for emails until next time
      }
    }
    location.reload();
  });
  return select;
}

function closeRoom() {
  session?.stop();
  session = null;
  bell?.detach();
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
        bell?.attach(session);
      }
      const current = part === 'groups' ? id : ['coordination', 'people', 'settings'].includes(part) ? part : 'overview';
      const content = part === 'groups' ? await groupView(session, id, tab)
        : part === 'coordination' ? await coordinationView(session)
          : part === 'people' ? await peopleView(session)
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
      bell?.refresh();
      view = { el: await homeView(me) };
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
      h('h1', {}, invitation ? t('error.invitationTitle')
        : e instanceof ApiError && e.status === 404 ? t('error.notFoundTitle') : t('error.somethingWrong')),
      h('p', {}, !invitation && e instanceof ApiError && e.status === 404 ? t('error.notFound') : e.message),
      invitation ? h('p', {}, t('error.invitationHelp')) : null,
      h('a', { href: '#/' }, t('app.backHome'))));
  }
}

/** The words of index.html, in the page's language. */
function shellTexts() {
  document.getElementById('skip').textContent = t('app.skip');
  document.title = t('app.name');
}

async function start() {
  await useLanguage(pickLanguage(localStorage.getItem(LANGUAGE_KEY), navigator.languages));
  shellTexts();
  onSignedOut(() => {
    closeRoom();
    signInScreen();
  });
  try {
    me = await get('/api/me');
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) {
      fill(main, h('p', { class: 'error' }, e.message));
    }
    return; // the 401 already showed the sign-in screen
  }
  if (me.language && me.language !== currentLanguage()) {
    await useLanguage(pickLanguage(me.language));
    localStorage.setItem(LANGUAGE_KEY, currentLanguage());
  }
  shellTexts();
  bell = createBell(me);
  fill(who, bell.el, languageSwitch(true), h('span', { class: 'me' }, me.name), ' ',
    h('a', { href: '/logout', class: 'sign-out' }, t('app.signOut')));
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
