// A group: its discussion, its part of the plan, its sign-offs, its documents and its members — all live.
//
// Each section keeps one DOM node per item, keyed by the item's id: a live event patches the node it concerns
// (or inserts or removes one) and never re-renders what someone is typing in — composers, reply and edit boxes,
// a blocked reason, a sign-off comment keep their text and focus. A refused change shows its reason beside the
// control that made it, until dismissed, and the control goes back to what the server holds.

import { h, fill, field, revealCurrent } from './dom.js';
import { get, post, patch, put, del, upload, clientId, ApiError } from './api.js';
import { day, moment, label, bytes } from './format.js';
import { errorText, onCreate, statusBadge, presenceDot, avatar } from './widgets.js';
import { TASK_TRANSITIONS } from './events.generated.js';
import { t } from './i18n.js';

const TABS = ['discussion', 'plan', 'signoffs', 'documents', 'members'];

/** How a task's due date is set (the server's DueKind), in the order the form offers them. */
const DUE_KINDS = ['ABSOLUTE', 'AFTER_ROOM_OPENED', 'BEFORE_DECISION', 'AFTER_TASK'];

/** The topics each section follows, besides the room's members and presence. */
const SECTION_TOPICS = {
  discussion: ['posts', 'groups'], plan: ['tasks', 'taskOrder', 'groups'], signoffs: ['signoffs', 'groups'],
  documents: ['documents', 'documentViews'], members: ['groups'],
};

/** The types the server serves for a preview in the page (the others only download). */
const PREVIEWABLE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export async function groupView(session, groupId, tab) {
  const group = session.group(groupId);
  if (!group) throw new ApiError(404, { detail: t('group.notFound') });
  const base = `/api/rooms/${session.roomId}/groups/${groupId}`;
  const current = TABS.includes(tab) ? tab : 'discussion';
  const panel = h('div', { class: 'tab-panel', id: 'group-panel' });
  const builders = { discussion, plan, signoffs, documents, members };
  const section = await builders[current](session, group, base);
  fill(panel, section.el);
  // What the member may not do (a closed room: nothing) is not offered; closing or reopening reloads `may`.
  const offer = () => panel.querySelectorAll('[data-action]').forEach((el) => { el.hidden = !session.may(el.dataset.action); });
  offer();
  session.showGroup(groupId);
  const el = h('div', { class: 'page group' },
    h('h1', {}, group.name),
    h('nav', { class: 'tabs', 'aria-label': t('group.sections') }, TABS.map((key) =>
      h('a', { href: `#/rooms/${session.roomId}/groups/${groupId}/${key}`,
        'aria-current': key === current ? 'page' : null, class: key === current ? 'current' : null }, t(`group.tabs.${key}`)))),
    panel);
  // on a phone the tabs scroll sideways: the current one is brought into view once the page is shown
  requestAnimationFrame(() => revealCurrent(el.querySelector('nav.tabs')));
  let closed = Boolean(session.room.closedAt);
  const stop = session.on(['resync', 'members', 'presence', 'room', ...SECTION_TOPICS[current]], (event, topic) => {
    if (topic === 'room') {
      // closing or reopening changes every item's tools (edit, status, decide…): each is drawn again
      if (closed !== Boolean(session.room.closedAt)) section.update(event, 'members');
      closed = Boolean(session.room.closedAt);
      return offer();
    }
    if (!event.groupId || event.groupId === groupId) section.update(event, topic);
    if (topic === 'resync') offer();
  });
  return {
    el,
    dispose: () => {
      stop();
      session.showGroup(null);
    },
  };
}

// ---- Shared pieces ------------------------------------------------------------------------------------------

/**
 * Where a refused change is told: beside its control, read out, kept until dismissed (or until the next try of
 * the same control). `show(error)` / `clear()`.
 */
function refusal() {
  const text = h('span', { class: 'refusal-text' });
  const el = h('div', { class: 'refusal', role: 'alert', hidden: true }, text,
    h('button', { type: 'button', class: 'icon-button dismiss', 'aria-label': t('group.dismiss'),
      onclick: () => clear() }, '×'));
  function clear() {
    el.hidden = true;
    fill(text);
  }
  return {
    el,
    clear,
    show(error) {
      fill(text, error.explanation || error.message || String(error));
      el.hidden = false;
    },
  };
}

/** Runs a control's action with the control disabled; a refusal stays beside it. Resolves true on success. */
async function act(control, refused, action) {
  control.disabled = true;
  refused.clear();
  try {
    await action();
    return true;
  } catch (e) {
    refused.show(e);
    return false;
  } finally {
    control.disabled = false;
  }
}

/**
 * Puts `parent`'s children in this order, moving only the nodes out of place (a moved node loses focus, and the
 * others must keep theirs).
 */
function arrangeChildren(parent, ordered) {
  let cursor = parent.firstElementChild;
  for (const node of ordered) {
    if (node === cursor) {
      cursor = cursor.nextElementSibling;
    } else {
      parent.insertBefore(node, cursor);
    }
  }
}

/** Puts `node` among `parent`'s children in the order `rank` gives (ascending), before any `.pending` node. */
function placeByRank(parent, node, rank) {
  const value = rank(node);
  const next = [...parent.children].find((child) => child !== node
    && (child.classList.contains('pending') || (child.dataset.rank !== undefined && Number(child.dataset.rank) > value)));
  if (next) {
    if (node.nextSibling !== next) parent.insertBefore(node, next);
  } else if (node.parentNode !== parent || parent.lastElementChild !== node) {
    parent.appendChild(node);
  }
}

let listboxCounter = 0;

/**
 * @mentions for a textarea (the ARIA 1.2 combobox pattern): typing `@` and letters lists the group's matching
 * members; arrows move, Enter or Tab picks, Escape closes. `mentions()` gives the ids of the members still named
 * in the text. The textarea is returned wrapped with its listbox.
 */
function mentionable(session, group, textarea) {
  listboxCounter += 1;
  const listId = `mentions-${listboxCounter}`;
  const listbox = h('ul', { class: 'mention-list', role: 'listbox', id: listId, hidden: true,
    'aria-label': t('group.discussion.mentionSuggestions') });
  const picked = new Map(); // name -> member id
  let options = [];
  let active = -1;
  let query = null; // {start, text}

  textarea.setAttribute('role', 'combobox');
  textarea.setAttribute('aria-autocomplete', 'list');
  textarea.setAttribute('aria-expanded', 'false');
  textarea.setAttribute('aria-controls', listId);

  const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

  function close() {
    listbox.hidden = true;
    options = [];
    active = -1;
    query = null;
    textarea.setAttribute('aria-expanded', 'false');
    textarea.removeAttribute('aria-activedescendant');
  }

  function highlight(index) {
    active = index;
    [...listbox.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) textarea.setAttribute('aria-activedescendant', `${listId}-${index}`);
    else textarea.removeAttribute('aria-activedescendant');
  }

  function pick(index) {
    const member = options[index];
    if (!member || !query) return;
    const before = textarea.value.slice(0, query.start);
    const after = textarea.value.slice(query.start + 1 + query.text.length);
    const inserted = `@${member.name} `;
    textarea.value = before + inserted + after.replace(/^ /u, '');
    picked.set(member.name, member.id);
    const caret = before.length + inserted.length;
    textarea.setSelectionRange(caret, caret);
    close();
    textarea.focus();
  }

  function suggest() {
    const upToCaret = textarea.value.slice(0, textarea.selectionStart);
    const match = /(^|\s)@([\p{L}\p{N}._'-]*)$/u.exec(upToCaret);
    if (!match) {
      close();
      return;
    }
    query = { start: upToCaret.length - match[2].length - 1, text: match[2] };
    const wanted = fold(match[2]);
    options = group.memberIds.filter((id) => id !== session.me.id).map((id) => session.member(id)).filter(Boolean)
      .filter((m) => fold(m.name).split(/\s+/u).some((word) => word.startsWith(wanted)) || fold(m.name).startsWith(wanted))
      .slice(0, 8);
    if (!options.length) {
      close();
      query = { start: upToCaret.length - match[2].length - 1, text: match[2] };
      return;
    }
    fill(listbox, options.map((m, i) => h('li', { role: 'option', id: `${listId}-${i}`, class: 'mention-option',
      'aria-selected': 'false', 'data-member-id': m.id,
      onmousedown: (e) => { e.preventDefault(); pick(i); } }, avatar(m.name, 'sm'), h('span', {}, m.name))));
    listbox.hidden = false;
    textarea.setAttribute('aria-expanded', 'true');
    highlight(0);
  }

  textarea.addEventListener('input', suggest);
  textarea.addEventListener('blur', () => setTimeout(close, 150));
  textarea.addEventListener('keydown', (e) => {
    if (listbox.hidden) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      highlight((active + 1) % options.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      highlight((active - 1 + options.length) % options.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      if (active >= 0) {
        e.preventDefault();
        e.stopImmediatePropagation();
        pick(active);
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });

  return {
    el: h('div', { class: 'mention-box' }, textarea, listbox),
    /** The ids of the picked members whose @name is still in the text. */
    mentions() {
      return [...new Set([...picked].filter(([name]) => textarea.value.includes(`@${name}`)).map(([, id]) => id))];
    },
    /** Starts from a post's own mentions (editing it). */
    know(ids) {
      ids.forEach((id) => {
        const member = session.member(id);
        if (member) picked.set(member.name, id);
      });
    },
    reset() {
      picked.clear();
      close();
    },
  };
}

/** A post's text with the members it mentions marked. */
function bodyWithMentions(session, p) {
  const names = (p.mentions || []).map((id) => session.member(id)?.name).filter(Boolean)
    .sort((a, b) => b.length - a.length);
  if (!names.length) return p.body;
  const parts = [];
  let rest = p.body;
  while (rest.length) {
    let best = null;
    for (const name of names) {
      const at = rest.indexOf(`@${name}`);
      if (at >= 0 && (best === null || at < best.at)) best = { at, name };
    }
    if (!best) {
      parts.push(rest);
      break;
    }
    if (best.at > 0) parts.push(rest.slice(0, best.at));
    parts.push(h('span', { class: 'mention' }, `@${best.name}`));
    rest = rest.slice(best.at + best.name.length + 1);
  }
  return parts;
}

// ---- Discussion ---------------------------------------------------------------------------------------------

async function discussion(session, group, base) {
  const posts = new Map(); // id -> post, as the server has it
  const nodes = new Map(); // id -> {li, view, replies, ...}
  const pending = new Map(); // clientId -> {item, li}: sent by me, not confirmed yet
  let nextBefore = null;

  const thread = h('ol', { class: 'thread', 'aria-live': 'polite', 'aria-label': t('group.discussion.label') });
  const empty = h('p', { class: 'empty muted' }, t('group.discussion.empty'));
  const older = h('button', { type: 'button', class: 'link' }, t('group.discussion.older'));
  older.addEventListener('click', async () => {
    absorb(await get(`${base}/posts?limit=50&before=${nextBefore}`));
  });

  function absorb(page) {
    // parents before their replies, so a reply finds its thread
    [...page.posts].sort((a, b) => a.seq - b.seq).forEach(upsert);
    nextBefore = page.nextBefore;
    older.hidden = nextBefore === null || nextBefore === undefined;
    showEmpty();
  }

  function showEmpty() {
    empty.hidden = thread.children.length > 0;
  }

  // The composer: a new top-level post.
  const text = h('textarea', { name: 'body', id: 'composer-text', rows: 3, maxlength: 10000, placeholder: t('group.discussion.placeholder') });
  const mentions = mentionable(session, group, text);
  const announce = session.may('post.announce')
    ? h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'announcement' }), ` ${t('group.discussion.announce')}`)
    : null;
  const composerRefusal = refusal();
  const composer = h('form', { class: 'composer', 'aria-label': t('group.discussion.newPost'), 'data-action': 'post.create' },
    h('div', { class: 'field' }, h('label', { for: 'composer-text' }, t('group.discussion.message')), mentions.el),
    announce, composerRefusal.el,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('group.discussion.send'))));
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) composer.requestSubmit();
  });
  composer.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = text.value.trim();
    if (!body) return;
    const item = { clientId: clientId(), body, parentId: null, mentions: mentions.mentions(),
      announcement: announce ? announce.querySelector('input').checked : false };
    text.value = '';
    mentions.reset();
    if (announce) announce.querySelector('input').checked = false;
    composerRefusal.clear();
    send(item, (refused) => {
      text.value = item.body; // refused for good: give the text back
      composerRefusal.show(refused);
    });
  });

  /** Sends a post shown at once as pending; `giveBack(error)` is called when it is refused for good. */
  async function send(item, giveBack) {
    let entry = pending.get(item.clientId);
    if (!entry) {
      entry = { item, li: h('li', { class: ['post', 'pending', item.parentId && 'reply'], 'data-client-id': item.clientId }) };
      pending.set(item.clientId, entry);
      const list = item.parentId && nodes.get(item.parentId) ? nodes.get(item.parentId).replies : thread;
      list.appendChild(entry.li);
      showEmpty();
    }
    item.failed = false;
    drawPending(entry);
    try {
      confirmed(await post(`${base}/posts`, { body: item.body, parentId: item.parentId, mentions: item.mentions,
        announcement: item.announcement, clientId: item.clientId }));
    } catch (e) {
      if (!pending.has(item.clientId)) return; // confirmed by its event meanwhile
      if (e instanceof ApiError && !e.retryable) {
        dropPending(item.clientId);
        giveBack(e);
      } else {
        item.failed = true;
        item.error = e;
        drawPending(entry);
      }
    }
  }

  function drawPending({ item, li }) {
    li.classList.toggle('failed', Boolean(item.failed));
    fill(li,
      h('div', { class: 'post-head' }, avatar(session.me.name, 'sm'), h('span', { class: 'author' }, session.me.name),
        h('span', { class: 'muted' }, !item.failed ? t('group.discussion.sending')
          : item.error?.status === 429 ? `${t('group.discussion.notSent')} ${item.error.explanation}` : t('group.discussion.notSent'))),
      h('p', { class: 'body' }, item.body),
      item.failed ? h('button', { type: 'button', class: 'link', onclick: () => send(item, () => {}) }, t('group.discussion.retry')) : null);
  }

  function dropPending(id) {
    const entry = pending.get(id);
    if (entry) {
      entry.li.remove();
      pending.delete(id);
    }
    showEmpty();
  }

  /** The server's copy of a post of mine: it takes the place of the pending one with the same client id. */
  function confirmed(saved) {
    if (saved.clientId) dropPending(saved.clientId);
    upsert(saved);
  }

  function upsert(p) {
    const known = posts.get(p.id);
    if (known && known.editedAt === p.editedAt && known.deleted === p.deleted && known.body === p.body) {
      return; // the same post again (its answer and its event): nothing to redraw
    }
    posts.set(p.id, p);
    let node = nodes.get(p.id);
    if (!node) {
      node = postNode(p);
      nodes.set(p.id, node);
      const parent = p.parentId ? nodes.get(p.parentId) : null;
      placeByRank(parent ? parent.replies : thread, node.li, (li) => Number(li.dataset.rank));
    }
    node.draw(p);
    showEmpty();
  }

  function postNode(p) {
    const isReply = Boolean(p.parentId);
    const mine = p.author?.memberId === session.me.id;
    const view = h('div', { class: 'post-view' });
    const refused = refusal();
    const replies = h('ol', { class: 'replies' });
    const li = h('li', { class: ['post', isReply && 'reply'], 'data-post-id': p.id, 'data-rank': p.seq },
      view, refused.el, isReply ? null : replies);

    // Editing my post: a box that stays open, whatever arrives meanwhile.
    let editor = null;
    function openEditor() {
      if (editor) {
        editor.box.querySelector('textarea').focus();
        return;
      }
      const area = h('textarea', { rows: 3, maxlength: 10000, 'aria-label': t('group.discussion.editLabel') });
      area.value = posts.get(p.id).body;
      const m = mentionable(session, group, area);
      m.know(posts.get(p.id).mentions || []);
      const save = h('button', { type: 'submit', class: 'primary small-button' }, t('group.discussion.save'));
      const box = h('form', { class: 'edit-box', 'aria-label': t('group.discussion.editLabel') }, m.el,
        h('div', { class: 'actions' }, save,
          h('button', { type: 'button', class: 'small-button', onclick: () => closeEditor() }, t('group.discussion.cancel'))));
      box.addEventListener('submit', async (e) => {
        e.preventDefault();
        const body = area.value.trim();
        if (!body) return;
        if (await act(save, refused, async () => upsert(await patch(`${base}/posts/${p.id}`, { body, mentions: m.mentions() })))) {
          closeEditor();
        }
      });
      editor = { box };
      li.insertBefore(box, refused.el);
      area.focus();
      draw(posts.get(p.id));
    }
    function closeEditor() {
      editor?.box.remove();
      editor = null;
      draw(posts.get(p.id));
    }

    // Replying: a box under the thread that stays open, whatever arrives meanwhile.
    let replyBox = null;
    function openReply() {
      if (replyBox) {
        replyBox.querySelector('textarea').focus();
        return;
      }
      const area = h('textarea', { rows: 2, maxlength: 10000, 'aria-label': t('group.discussion.replyLabel', { name: p.author?.name || '' }) });
      const m = mentionable(session, group, area);
      const replyRefusal = refusal();
      replyBox = h('form', { class: 'reply-box', 'aria-label': t('group.discussion.replyLabel', { name: p.author?.name || '' }) },
        m.el, replyRefusal.el,
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary small-button' }, t('group.discussion.sendReply')),
          h('button', { type: 'button', class: 'small-button', onclick: () => { replyBox.remove(); replyBox = null; } },
            t('group.discussion.cancel'))));
      replyBox.addEventListener('submit', (e) => {
        e.preventDefault();
        const body = area.value.trim();
        if (!body) return;
        const item = { clientId: clientId(), body, parentId: p.id, mentions: m.mentions(), announcement: false };
        area.value = '';
        m.reset();
        replyRefusal.clear();
        send(item, (error) => {
          area.value = item.body;
          replyRefusal.show(error);
        });
      });
      li.appendChild(replyBox);
      area.focus();
    }

    // Deleting my post: asked once more, in place.
    let confirming = false;

    function draw(current) {
      const deleted = current.deleted;
      li.classList.toggle('announcement', Boolean(current.announcement));
      li.classList.toggle('deleted', Boolean(deleted));
      const tools = [];
      if (!deleted && !isReply && session.may('post.create')) {
        tools.push(h('button', { type: 'button', class: 'link', onclick: openReply, 'data-action': 'post.create' },
          t('group.discussion.reply')));
      }
      if (!deleted && session.may('post.edit', mine && 'author') && !editor) {
        tools.push(h('button', { type: 'button', class: 'link', onclick: openEditor,
          'aria-label': t('group.discussion.editPost') }, t('group.discussion.edit')));
        if (confirming) {
          const yes = h('button', { type: 'button', class: 'link danger-link' }, t('group.discussion.confirmDelete'));
          yes.addEventListener('click', () => act(yes, refused, async () => {
            await del(`${base}/posts/${p.id}`);
            confirming = false;
            upsert({ ...posts.get(p.id), deleted: true, body: null, mentions: [] });
          }));
          tools.push(h('span', { class: 'confirm' }, t('group.discussion.deleteQuestion'), ' ', yes, ' ',
            h('button', { type: 'button', class: 'link', onclick: () => { confirming = false; draw(posts.get(p.id)); } },
              t('group.discussion.keep'))));
        } else {
          tools.push(h('button', { type: 'button', class: 'link', onclick: () => { confirming = true; draw(posts.get(p.id)); },
            'aria-label': t('group.discussion.deletePost') }, t('group.discussion.delete')));
        }
      }
      if (deleted) {
        editor?.box.remove();
        editor = null;
      }
      fill(view,
        h('div', { class: 'post-head' },
          avatar(current.author?.name || '?', 'sm'),
          h('span', { class: 'author' }, current.author?.name || t('common.formerMember')),
          h('time', { datetime: current.createdAt }, moment(current.createdAt)),
          current.announcement ? h('span', { class: 'tag' }, t('group.discussion.keyUpdate')) : null,
          current.editedAt && !deleted ? h('span', { class: 'muted' }, t('group.discussion.edited')) : null),
        deleted ? h('p', { class: 'body muted' }, t('group.discussion.deleted'))
          // a former member's post whose text went with them (the room's erasedPostText)
          : current.body == null ? h('p', { class: 'body muted' }, t('group.discussion.textErased'))
            : editor ? null : h('p', { class: 'body' }, bodyWithMentions(session, current)),
        tools.length ? h('div', { class: 'post-tools' }, tools) : null);
    }

    return { li, replies, draw };
  }

  absorb(await get(`${base}/posts?limit=50`));

  return {
    el: h('div', { class: 'discussion' }, older, empty, thread, composer),
    update(event, topic) {
      if (topic === 'resync') {
        get(`${base}/posts?limit=50`).then(absorb);
        return;
      }
      if (topic === 'members' || topic === 'groups') {
        nodes.forEach((node, id) => node.draw(posts.get(id)));
        return;
      }
      if (topic !== 'posts') return;
      const p = event.item;
      // my own post arriving live before its answer: it replaces the copy shown as sending, matched by client id
      if (p.clientId && p.author?.memberId === session.me.id) dropPending(p.clientId);
      upsert(p);
    },
  };
}

// ---- Plan ---------------------------------------------------------------------------------------------------

async function plan(session, group, base) {
  const tasks = new Map(); // id -> task
  const nodes = new Map(); // id -> node
  const list = h('ul', { class: 'tasks', 'aria-label': t('group.plan.label') });
  const empty = h('p', { class: 'empty muted' }, t('group.plan.empty'));
  const orderRefusal = refusal();
  const memberOptions = (selected, none) => [h('option', { value: '', selected: !selected }, none),
    group.memberIds.map((id) => h('option', { value: id, selected: id === selected }, session.memberName(id)))];
  const mayEdit = (task) => session.may('task.change', task.ownerId === session.me.id && 'assignee');
  const reasons = new Map(); // id -> why its date last moved by itself (task.rescheduled), shown until reload

  /** "2026-06-01" + n days, as a date of the calendar (no time zone in between). */
  function addDays(isoDate, n) {
    const [y, m, d] = isoDate.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
  }

  /** The date a rule gives, as the server computes it, when the page knows enough; null otherwise. */
  function ruleDate(kind, days, afterId, date) {
    const n = Number(days);
    if (kind === 'ABSOLUTE') return date || null;
    if (days === '' || !Number.isInteger(n) || n < 0 || n > 3650) return null;
    if (kind === 'AFTER_ROOM_OPENED') return session.room.createdAt ? addDays(session.room.createdAt.slice(0, 10), n) : null;
    if (kind === 'BEFORE_DECISION') return session.room.targetDecisionDate ? addDays(session.room.targetDecisionDate, -n) : null;
    const leader = tasks.get(afterId);
    return leader && leader.status !== 'DONE' && leader.dueDate ? addDays(leader.dueDate, n) : null;
  }

  /**
   * The due date's controls: its kind, then a date or a number of days (and the task followed), and the date they
   * give. `body()` is what a request sends for them (nothing when unchanged from `task`).
   */
  function dueFields(task) {
    const kind = h('select', { name: 'dueKind' }, DUE_KINDS.map((k) =>
      h('option', { value: k, selected: k === (task?.dueKind || 'ABSOLUTE') }, label('dueKind', k))));
    const date = h('input', { name: 'dueDate', type: 'date', value: (!task || task.dueKind === 'ABSOLUTE') ? (task?.dueDate || '') : '' });
    const days = h('input', { name: 'dueDays', type: 'number', min: 0, max: 3650, step: 1, value: task?.dueDays ?? '' });
    const after = h('select', { name: 'dueAfterTaskId' });
    const computed = h('p', { class: 'muted small due-computed', 'aria-live': 'polite' });
    const dateField = field(t('group.plan.due'), date);
    const daysField = field(t('group.plan.dueDays'), days);
    const afterField = field(t('group.plan.dueAfter'), after);
    function refresh() {
      const chosen = after.value || task?.dueAfterTaskId;
      fill(after, sorted().filter((x) => x.id !== task?.id).map((x) =>
        h('option', { value: x.id, selected: x.id === chosen }, x.title)));
      dateField.hidden = kind.value !== 'ABSOLUTE';
      daysField.hidden = kind.value === 'ABSOLUTE';
      days.required = kind.value !== 'ABSOLUTE';
      afterField.hidden = kind.value !== 'AFTER_TASK';
      after.required = kind.value === 'AFTER_TASK';
      const gives = ruleDate(kind.value, days.value, after.value, date.value);
      const n = Number(days.value);
      const leader = kind.value === 'AFTER_TASK' ? tasks.get(after.value) : null;
      fill(computed, kind.value === 'ABSOLUTE' ? ''
        : gives ? t('group.plan.computed', { date: day(gives) })
          : days.value === '' || !Number.isInteger(n) || n < 0 || n > 3650 ? t('group.plan.daysNeeded')
            : leader?.status === 'DONE' ? t('group.plan.computedFromDone', { task: leader.title })
              : t('group.plan.computedLater'));
    }
    [kind, date, days, after].forEach((control) => control.addEventListener('input', refresh));
    kind.addEventListener('change', refresh);
    refresh();
    return {
      el: h('div', { class: 'due-rule' }, h('div', { class: 'row' }, field(t('group.plan.dueKind'), kind), dateField,
        daysField, afterField), computed),
      refresh,
      body() {
        if (kind.value === 'ABSOLUTE') {
          if (task && task.dueKind === 'ABSOLUTE' && (!date.value || date.value === task.dueDate)) return {};
          return date.value ? { dueDate: date.value } : (task && task.dueKind !== 'ABSOLUTE' ? { dueKind: 'ABSOLUTE' } : {});
        }
        const rule = { dueKind: kind.value, dueDays: Number(days.value) };
        if (kind.value === 'AFTER_TASK') rule.dueAfterTaskId = after.value;
        if (task && task.dueKind === rule.dueKind && task.dueDays === rule.dueDays
          && (task.dueAfterTaskId || undefined) === rule.dueAfterTaskId) return {};
        return rule;
      },
    };
  }

  /** The rule behind a task's date, in words; null for a date of its own. */
  function ruleText(task) {
    if (!task.dueKind || task.dueKind === 'ABSOLUTE') return null;
    const params = { count: task.dueDays, task: tasks.get(task.dueAfterTaskId)?.title || '' };
    return t(`group.plan.rule.${task.dueKind}`, params);
  }

  /** Why a task's date moved by itself, in words. */
  function reasonText(task, why) {
    const cause = t(`group.plan.because.${why.cause}`, { task: tasks.get(why.causeTaskId)?.title || '' });
    return t('group.plan.rescheduled', { from: day(why.previousDueDate), to: day(task.dueDate), cause });
  }

  function sorted() {
    return [...tasks.values()].sort((a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt));
  }

  function arrange() {
    arrangeChildren(list, sorted().map((task) => nodes.get(task.id).li));
    nodes.forEach((node, id) => node.drawMoves(id));
    empty.hidden = tasks.size > 0;
  }

  /** The milestones of this plan that follow the task, directly or through others (each task follows at most one). */
  function milestonesLedBy(taskId) {
    return [...tasks.values()].filter((task) => {
      if (!task.milestone || task.id === taskId) return false;
      const seen = new Set();
      for (let id = task.dueAfterTaskId; id && !seen.has(id); id = tasks.get(id)?.dueAfterTaskId) {
        if (id === taskId) return true;
        seen.add(id);
      }
      return false;
    }).map((task) => task.id);
  }

  function upsert(task) {
    tasks.set(task.id, task);
    let node = nodes.get(task.id);
    if (!node) {
      node = taskNode(task);
      nodes.set(task.id, node);
    }
    node.draw(tasks.get(task.id));
    arrange();
  }

  async function move(task, by, button) {
    const ids = sorted().map((x) => x.id);
    const from = ids.indexOf(task.id);
    const to = from + by;
    if (to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to], ids[from]];
    await act(button, orderRefusal, async () => {
      (await put(`${base}/tasks/order`, { taskIds: ids })).forEach((saved) => tasks.set(saved.id, saved));
      arrange();
    });
    nodes.get(task.id)?.focusMove(by);
  }

  function taskNode(initial) {
    const id = initial.id;
    const view = h('div', { class: 'task-view' });
    const refused = refusal();
    const status = h('select', {});
    const reason = h('input', { placeholder: t('group.plan.blockedReason'), maxlength: 500, hidden: true,
      'aria-label': t('group.plan.blockedReason') });
    const block = h('button', { type: 'button', hidden: true }, t('group.plan.markBlocked'));
    const up = h('button', { type: 'button', class: 'icon-button' }, '↑');
    const down = h('button', { type: 'button', class: 'icon-button' }, '↓');
    const edit = h('button', { type: 'button', class: 'small-button' }, t('group.plan.edit'));
    const moves = h('span', { class: 'moves' }, up, down);
    const controls = h('div', { class: 'task-controls' }, status, reason, block, edit, moves);
    const li = h('li', { class: 'task', 'data-task-id': id }, view, controls, refused.el);
    let editor = null;

    const change = (body, control) => act(control, refused, async () => upsert(await patch(`${base}/tasks/${id}`, body)))
      .then((ok) => {
        if (!ok) showStatus(tasks.get(id)); // the server's truth, not what was asked
        return ok;
      });

    function showStatus(task) {
      fill(status, [task.status, ...TASK_TRANSITIONS[task.status]].map((s) =>
        h('option', { value: s, selected: s === task.status }, label('taskStatus', s))));
      status.value = task.status;
      reason.hidden = true;
      block.hidden = true;
    }

    status.addEventListener('change', () => {
      if (status.value === 'BLOCKED') {
        reason.hidden = false;
        block.hidden = false;
        reason.focus();
      } else {
        reason.hidden = true;
        block.hidden = true;
        change({ status: status.value }, status);
      }
    });
    const sendBlock = () => change({ status: 'BLOCKED', blockedReason: reason.value.trim() || null }, block)
      .then((ok) => { if (ok) reason.value = ''; });
    block.addEventListener('click', sendBlock);
    reason.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        sendBlock();
      }
    });
    up.addEventListener('click', () => move(tasks.get(id), -1, up));
    down.addEventListener('click', () => move(tasks.get(id), 1, down));
    edit.addEventListener('click', () => openEditor());

    function openEditor() {
      if (editor) return;
      const task = tasks.get(id);
      const title = h('input', { name: 'title', required: true, maxlength: 200, value: task.title });
      const description = h('textarea', { name: 'description', rows: 2, maxlength: 5000 });
      description.value = task.description || '';
      const owner = h('select', { name: 'ownerId' }, memberOptions(task.ownerId, t('group.plan.nobody')));
      const due = dueFields(task);
      const milestone = h('input', { type: 'checkbox', name: 'milestone', checked: task.milestone });
      const save = h('button', { type: 'submit', class: 'primary small-button' }, t('group.plan.save'));
      const form = h('form', { class: 'task-editor', 'aria-label': t('group.plan.editLabel', { title: task.title }) },
        field(t('group.plan.title'), title),
        field(t('group.plan.description'), description),
        field(t('group.plan.owner'), owner),
        due.el,
        h('label', { class: 'check' }, milestone, ` ${t('group.plan.milestone')}`),
        h('div', { class: 'actions' }, save,
          h('button', { type: 'button', class: 'small-button', onclick: () => closeEditor() }, t('group.plan.cancel'))));
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const now = tasks.get(id);
        const body = {};
        if (title.value.trim() !== now.title) body.title = title.value.trim();
        if (description.value.trim() !== (now.description || '')) body.description = description.value.trim();
        if (owner.value && owner.value !== now.ownerId) body.ownerId = owner.value;
        Object.assign(body, due.body());
        if (milestone.checked !== now.milestone) body.milestone = milestone.checked;
        if (!Object.keys(body).length) {
          closeEditor();
          return;
        }
        if (await act(save, refused, async () => upsert(await patch(`${base}/tasks/${id}`, body)))) closeEditor();
      });
      editor = form;
      li.insertBefore(form, refused.el);
      controls.hidden = true;
      title.focus();
    }
    function closeEditor() {
      editor?.remove();
      editor = null;
      controls.hidden = false;
      edit.focus();
    }

    function draw(task) {
      const canEdit = mayEdit(task);
      li.classList.toggle('overdue', Boolean(task.overdue));
      status.setAttribute('aria-label', t('group.plan.statusOf', { title: task.title }));
      edit.setAttribute('aria-label', t('group.plan.editLabel', { title: task.title }));
      up.setAttribute('aria-label', t('group.plan.moveUp', { title: task.title }));
      down.setAttribute('aria-label', t('group.plan.moveDown', { title: task.title }));
      status.disabled = !canEdit;
      edit.hidden = !canEdit;
      moves.hidden = !session.may('task.order');
      // the status control is redrawn unless a block is being written
      if (reason.hidden) showStatus(task);
      fill(view,
        h('div', { class: 'task-head' },
          h('span', { class: 'task-title' }, task.title),
          task.milestone ? h('span', { class: 'tag' }, t('group.plan.milestoneTag')) : null,
          task.signoffToRequest ? h('span', { class: 'tag' }, t('group.plan.signoffTag')) : null,
          statusBadge('taskStatus', task.status),
          task.overdue ? h('span', { class: 'badge late' }, t('group.plan.overdue')) : null),
        task.description ? h('p', { class: 'muted task-description' }, task.description) : null,
        task.status === 'BLOCKED' && task.blockedReason ? h('p', { class: 'blocked' }, t('group.plan.blockedBecause', { reason: task.blockedReason })) : null,
        h('p', { class: 'task-meta muted small' },
          h('span', { class: 'task-owner' }, task.ownerId ? session.memberName(task.ownerId) : t('group.plan.nobody')),
          ' · ',
          h('span', { class: 'task-due' }, task.dueDate ? t('group.plan.dueOn', { date: day(task.dueDate) }) : t('group.plan.noDue')),
          ruleText(task) ? h('span', { class: 'task-rule' }, ` (${ruleText(task)})`) : null),
        task.milestone && task.rollup ? h('p', { class: 'task-rollup small' },
          statusBadge('rollup', task.rollup), ' ',
          h('span', { class: 'muted' }, task.projectedDate ? t('group.plan.projected', { date: day(task.projectedDate) }) : '')) : null,
        reasons.has(task.id) ? h('p', { class: 'task-rescheduled small', role: 'status' }, reasonText(task, reasons.get(task.id))) : null,
        task.signoffToRequest && task.status !== 'DONE' && session.may('signoff.request') ? askButton(task) : null);
    }

    // A sign-off to request (from a template): the sign-off form, filled with its title and details; the approvers
    // are for the person to pick.
    function askButton(task) {
      const ask = h('button', { type: 'button', class: 'link ask-signoff' }, t('group.plan.askSignoff'));
      ask.addEventListener('click', () => {
        sessionStorage.setItem(SIGNOFF_PREFILL, JSON.stringify({ groupId: group.id, title: task.title,
          description: task.description || '' }));
        location.hash = `#/rooms/${session.roomId}/groups/${group.id}/signoffs`;
      });
      return h('p', { class: 'small' }, ask);
    }

    function drawMoves() {
      const order = sorted();
      const index = order.findIndex((x) => x.id === id);
      up.disabled = index <= 0;
      down.disabled = index < 0 || index === order.length - 1;
    }

    return {
      li,
      draw,
      drawMoves,
      focusMove(by) {
        const target = by < 0 ? up : down;
        (target.disabled ? (by < 0 ? down : up) : target).focus();
      },
    };
  }

  (await get(`${base}/tasks`)).forEach(upsert);
  empty.hidden = tasks.size > 0;

  const formRefusal = errorText();
  const newDue = dueFields(null);
  const form = h('form', { class: 'card form', 'aria-labelledby': 'new-task-title', 'data-action': 'task.create' },
    h('h2', { id: 'new-task-title' }, t('group.plan.add')),
    field(t('group.plan.task'), h('input', { name: 'title', required: true, maxlength: 200 })),
    field(t('group.plan.owner'), h('select', { name: 'ownerId' }, memberOptions(null, t('group.plan.nobody')))),
    newDue.el,
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'milestone' }), ` ${t('group.plan.milestone')}`),
    formRefusal,
    h('button', { type: 'submit', class: 'primary' }, t('group.plan.addButton')));
  onCreate(form, formRefusal, async (v, id) => {
    upsert(await post(`${base}/tasks`, {
      title: v.title, ownerId: v.ownerId || null, milestone: v.milestone, clientId: id, ...newDue.body(),
    }));
  });
  form.addEventListener('reset', () => setTimeout(newDue.refresh));

  return {
    el: h('div', { class: 'plan' }, orderRefusal.el, empty, list, form),
    async update(event, topic) {
      if (topic === 'resync') {
        const fresh = await get(`${base}/tasks`);
        const ids = new Set(fresh.map((x) => x.id));
        [...tasks.keys()].filter((id) => !ids.has(id)).forEach((id) => {
          nodes.get(id).li.remove();
          nodes.delete(id);
          tasks.delete(id);
        });
        fresh.forEach(upsert);
      } else if (topic === 'tasks') {
        // The task as the server sees it today: a payload's `overdue` is the one of the day it was written, and a
        // replay on reconnect can bring an old one.
        if (event.item.rescheduled) reasons.set(event.item.id, event.item.rescheduled);
        // a milestone rolls up the tasks that lead to it: those whose chain passes through this task are read again
        for (const id of [event.item.id, ...milestonesLedBy(event.item.id)]) {
          try {
            upsert(await get(`${base}/tasks/${id}`));
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
          }
        }
        newDue.refresh();
      } else if (topic === 'taskOrder') {
        event.item.taskIds.forEach((id, position) => {
          const task = tasks.get(id);
          if (task) tasks.set(id, { ...task, position });
        });
        arrange();
      } else if (topic === 'members' || topic === 'groups') {
        tasks.forEach((task, id) => nodes.get(id).draw(task));
      }
    },
  };
}

// ---- Sign-offs ----------------------------------------------------------------------------------------------

/** Where the plan leaves a sign-off to request for the sign-offs tab to fill its form with. */
const SIGNOFF_PREFILL = 'dealroom.signoffPrefill';

async function signoffs(session, group, base) {
  const items = new Map();
  const nodes = new Map();
  const list = h('ul', { class: 'signoffs', 'aria-label': t('group.signoffs.label') });
  const empty = h('p', { class: 'empty muted' }, t('group.signoffs.empty'));

  function upsert(item) {
    items.set(item.id, item);
    let node = nodes.get(item.id);
    if (!node) {
      node = signoffNode(item.id);
      nodes.set(item.id, node);
      // newest first
      node.li.dataset.rank = String(-Date.parse(item.createdAt));
      placeByRank(list, node.li, (li) => Number(li.dataset.rank));
    }
    node.draw(item);
    empty.hidden = items.size > 0;
  }

  function signoffNode(id) {
    const view = h('div', { class: 'signoff-view' });
    const refused = refusal();
    const comment = h('input', { 'aria-label': t('group.signoffs.comment'), placeholder: t('group.signoffs.comment'), maxlength: 2000 });
    const approve = h('button', { type: 'button', class: 'primary' }, t('group.signoffs.approve'));
    const reject = h('button', { type: 'button', class: 'danger' }, t('group.signoffs.reject'));
    const decide = h('div', { class: 'actions' }, comment, approve, reject);
    const withdraw = h('button', { type: 'button', class: 'link' }, t('group.signoffs.withdraw'));
    const li = h('li', { class: 'card signoff', 'data-signoff-id': id }, view, decide, withdraw, refused.el);
    const send = (decision, button) => act(button, refused, async () =>
      upsert(await post(`${base}/signoffs/${id}/decision`, { decision, comment: comment.value.trim() || null })));
    approve.addEventListener('click', () => send('APPROVED', approve));
    reject.addEventListener('click', () => send('REJECTED', reject));
    withdraw.addEventListener('click', () => act(withdraw, refused, async () => upsert(await post(`${base}/signoffs/${id}/withdraw`))));

    function draw(item) {
      const mine = item.approvers.find((a) => a.memberId === session.me.id);
      const open = item.status === 'REQUESTED';
      decide.hidden = !(open && mine && !mine.decision && session.may('signoff.decide', 'approver'));
      withdraw.hidden = !(open && session.may('signoff.withdraw', item.authorId === session.me.id && 'author'));
      fill(view,
        h('div', { class: 'card-head' }, h('span', { class: 'card-title' }, item.title), statusBadge('signoffStatus', item.status)),
        item.description ? h('p', {}, item.description) : null,
        h('p', { class: 'muted small' }, t('group.signoffs.requestedBy', { name: session.memberName(item.authorId), when: moment(item.createdAt) })),
        h('ul', { class: 'approvers', 'aria-label': t('group.signoffs.approvers') }, item.approvers.map((a) => h('li', {},
          avatar(session.memberName(a.memberId), 'sm'), h('span', {}, session.memberName(a.memberId)), ' ',
          a.decision ? statusBadge('decision', a.decision) : h('span', { class: 'muted' }, t('group.signoffs.waiting')),
          a.comment ? h('q', {}, a.comment) : null))));
    }
    return { li, draw };
  }

  (await get(`${base}/signoffs`)).forEach(upsert);
  empty.hidden = items.size > 0;

  const formRefusal = errorText();
  const approverBoxes = h('fieldset', {});
  const renderApprovers = () => {
    const checked = new Set([...approverBoxes.querySelectorAll('input:checked')].map((box) => box.value));
    fill(approverBoxes, h('legend', {}, t('group.signoffs.approvers')), group.memberIds.map((id) =>
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'approverIds', value: id, 'data-multi': true,
        checked: checked.has(id) }), ` ${session.memberName(id)}`)));
  };
  renderApprovers();
  const form = h('form', { class: 'card form', 'aria-labelledby': 'new-signoff-title', 'data-action': 'signoff.request' },
    h('h2', { id: 'new-signoff-title' }, t('group.signoffs.add')),
    field(t('group.signoffs.what'), h('input', { name: 'title', required: true, maxlength: 200 })),
    field(t('group.signoffs.details'), h('textarea', { name: 'description', rows: 2, maxlength: 5000 })),
    approverBoxes, formRefusal,
    h('button', { type: 'submit', class: 'primary' }, t('group.signoffs.addButton')));
  const prefill = JSON.parse(sessionStorage.getItem(SIGNOFF_PREFILL) || 'null');
  if (prefill && prefill.groupId === group.id) {
    sessionStorage.removeItem(SIGNOFF_PREFILL);
    form.elements.title.value = prefill.title;
    form.elements.description.value = prefill.description;
    queueMicrotask(() => approverBoxes.querySelector('input')?.focus());
  }
  onCreate(form, formRefusal, async (v, id) => {
    upsert(await post(`${base}/signoffs`, {
      title: v.title, description: v.description || null, approverIds: v.approverIds, clientId: id,
    }));
  });

  return {
    el: h('div', { class: 'signoff-section' }, empty, list, form),
    async update(event, topic) {
      if (topic === 'resync') (await get(`${base}/signoffs`)).forEach(upsert);
      else if (topic === 'signoffs') upsert(event.item);
      else if (topic === 'groups' || topic === 'members') {
        renderApprovers();
        items.forEach((item, id) => nodes.get(id).draw(item));
      }
    },
  };
}

// ---- Documents ----------------------------------------------------------------------------------------------

async function documents(session, group, base) {
  const docs = new Map();
  const nodes = new Map();
  const list = h('ul', { class: 'documents', 'aria-label': t('group.documents.label') });
  const empty = h('p', { class: 'empty muted' }, t('group.documents.empty'));

  function upsert(doc) {
    docs.set(doc.id, doc);
    let node = nodes.get(doc.id);
    if (!node) {
      node = documentNode(doc.id);
      nodes.set(doc.id, node);
    }
    node.draw(doc);
    arrangeChildren(list, [...docs.values()].sort((a, b) => a.name.localeCompare(b.name)).map((d) => nodes.get(d.id).li));
    empty.hidden = docs.size > 0;
  }

  function documentNode(id) {
    const view = h('div', { class: 'document-view' });
    const preview = h('div', { class: 'preview', hidden: true });
    const li = h('li', { class: 'card document', 'data-document-id': id }, view, preview);
    let previewing = null; // the version shown in the preview

    const href = (version, inline) => `${base}/documents/${id}/content?version=${version}${inline ? '&disposition=inline' : ''}`;

    function showPreview(doc, version) {
      previewing = version.version;
      const src = href(version.version, true);
      fill(preview, h('img', { src, alt: t('group.documents.previewOf', { name: doc.name }), class: 'preview-image' }));
      preview.hidden = false;
    }

    function hidePreview() {
      previewing = null;
      fill(preview);
      preview.hidden = true;
    }

    function draw(doc) {
      const latest = doc.versions[0]; // the API lists versions newest first
      // An image opens in the card; a PDF in the browser's viewer, in a tab of its own (this page is never framed,
      // nor frames what it serves).
      const image = PREVIEWABLE.has(latest.contentType) && latest.contentType !== 'application/pdf';
      if (previewing !== null && previewing !== latest.version) {
        if (image) showPreview(doc, latest);
        else hidePreview();
      }
      const toggle = latest.contentType === 'application/pdf'
        ? h('a', { href: href(latest.version, true), target: '_blank', rel: 'noopener', class: 'button-link small-button',
          'aria-label': t('group.documents.previewOfButton', { name: doc.name }) }, t('group.documents.preview'))
        : image ? h('button', { type: 'button', class: 'small-button', 'aria-expanded': String(previewing !== null),
        'aria-label': t(previewing !== null ? 'group.documents.hidePreviewOf' : 'group.documents.previewOfButton', { name: doc.name }),
        onclick: () => {
          if (previewing !== null) hidePreview();
          else showPreview(doc, docs.get(id).versions[0]);
          draw(docs.get(id));
        } }, t(previewing !== null ? 'group.documents.hidePreview' : 'group.documents.preview')) : null;
      fill(view,
        h('div', { class: 'card-head' },
          h('a', { href: href(latest.version, false), download: doc.name, class: 'card-title' }, doc.name),
          h('span', { class: 'muted small version' }, t('group.documents.versionSize', { version: latest.version, size: bytes(latest.size) }))),
        h('p', { class: 'muted small' }, t('group.documents.uploadedBy', { name: session.memberName(latest.uploadedBy), when: moment(latest.uploadedAt) })),
        toggle ? h('div', { class: 'actions' }, toggle) : null,
        doc.versions.length > 1 ? h('details', { class: 'history' },
          h('summary', {}, t('group.documents.allVersions', { count: doc.versions.length })),
          h('ol', { class: 'versions' }, doc.versions.map((v) => h('li', {},
            h('a', { href: href(v.version, false), download: doc.name }, t('group.documents.version', { version: v.version })),
            ` · ${bytes(v.size)} · ${session.memberName(v.uploadedBy)} · ${moment(v.uploadedAt)}`)))) : null,
        h('p', { class: 'small viewers' }, doc.views.length
          ? t('group.documents.viewedBy', { list: doc.views.map((v) => t('group.documents.viewer',
            { name: session.memberName(v.memberId), count: v.count, when: moment(v.lastViewedAt) })).join(', ') })
          : t('group.documents.noViews')));
    }
    return { li, draw };
  }

  (await get(`${base}/documents`)).forEach(upsert);
  empty.hidden = docs.size > 0;

  const formRefusal = refusal();
  const file = h('input', { type: 'file', name: 'file', required: true });
  const nameInput = h('input', { name: 'name', maxlength: 200 });
  const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': t('group.documents.progress') });
  const send = h('button', { type: 'submit', class: 'primary' }, t('group.documents.upload'));
  const form = h('form', { class: 'card form', 'aria-labelledby': 'upload-title', 'data-action': 'document.upload' },
    h('h2', { id: 'upload-title' }, t('group.documents.add')),
    field(t('group.documents.file'), file),
    field(t('group.documents.name'), nameInput),
    progress, formRefusal.el, send);
  // The same file under the same name again (a retry after a failure) keeps its client id: one version, not two.
  let uploadId = clientId();
  let sent = null;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = file.files[0];
    if (!chosen) return;
    const name = nameInput.value.trim();
    if (sent && (sent.file !== chosen || sent.name !== name)) uploadId = clientId();
    sent = { file: chosen, name };
    send.disabled = true;
    formRefusal.clear();
    progress.value = 0;
    progress.hidden = false;
    try {
      // full only once the server has it: the last byte sent is not the version stored
      upsert(await upload(`${base}/documents`, { name, clientId: uploadId }, chosen,
        (fraction) => { progress.value = Math.min(99, Math.round(fraction * 100)); }));
      progress.value = 100;
      uploadId = clientId();
      sent = null;
      // cleared for the next one, unless the next one was already chosen meanwhile
      if (file.files[0] === chosen) file.value = '';
      if (nameInput.value.trim() === name) nameInput.value = '';
    } catch (error) {
      formRefusal.show(error);
    } finally {
      send.disabled = false;
    }
  });

  return {
    el: h('div', { class: 'document-section' }, empty, list, form),
    async update(event, topic) {
      if (topic === 'resync') (await get(`${base}/documents`)).forEach(upsert);
      else if (topic === 'documents') upsert(event.item);
      else if (topic === 'documentViews') upsert(await get(`${base}/documents/${event.item.documentId}`));
      else if (topic === 'members') docs.forEach((doc) => upsert(doc));
    },
  };
}

// ---- Members ------------------------------------------------------------------------------------------------

async function members(session, group, base) {
  const el = h('div', {});
  const fixed = group.kind === 'EVERYONE' || group.kind === 'STEERING';
  const refused = refusal();
  const select = h('select', { 'aria-label': t('group.members.toAdd') });
  const add = h('button', { type: 'button' }, t('group.members.add'));
  add.addEventListener('click', () => act(add, refused, () => put(`${base}/members/${select.value}`)));
  const adding = h('div', { class: 'actions' }, select, add);
  const list = h('ul', { class: 'members', 'aria-label': t('group.members.label') });

  function render() {
    const inGroup = new Set(group.memberIds);
    const others = session.members.filter((m) => !inGroup.has(m.id) && session.manages(m.id));
    const editable = session.may('buyers.manage') && !fixed;
    const chosen = select.value;
    fill(select, others.map((m) => h('option', { value: m.id, selected: m.id === chosen }, m.name)));
    adding.hidden = !(editable && others.length);
    fill(list, group.memberIds.map((id) => h('li', { class: 'member' },
      presenceDot(session.presence.has(id)),
      avatar(session.memberName(id), 'sm'),
      h('span', { class: 'member-name' }, session.memberName(id)),
      editable && id !== session.me.id && session.manages(id) ? h('button', { type: 'button', class: 'link',
        onclick: (e) => act(e.currentTarget, refused, () => del(`${base}/members/${id}`)) },
      t('group.members.remove', { name: session.memberName(id) })) : null)));
  }
  fill(el, list, fixed ? h('p', { class: 'muted small' }, t('group.members.fixed')) : null, adding, refused.el);
  render();
  return { el, update: render };
}
