// A group: its discussion, its part of the plan, its sign-offs, its documents and its members — all live.

import { h, fill, field } from './dom.js';
import { get, post, patch, put, del, upload, clientId, ApiError } from './api.js';
import { day, moment, label, bytes } from './format.js';
import { errorText, showError, acting, onCreate, statusBadge, presenceDot } from './widgets.js';
import { TASK_TRANSITIONS } from './events.generated.js';
import { t } from './i18n.js';

const TABS = ['discussion', 'plan', 'signoffs', 'documents', 'members'];

/** The topics each section follows, besides the room's members and presence. */
const SECTION_TOPICS = {
  discussion: ['posts'], plan: ['tasks'], signoffs: ['signoffs', 'groups'], documents: ['documents', 'documentViews'],
  members: ['groups'],
};

export async function groupView(session, groupId, tab) {
  const group = session.group(groupId);
  if (!group) throw new ApiError(404, { detail: 'You are not in this group, or it does not exist.' });
  const base = `/api/rooms/${session.roomId}/groups/${groupId}`;
  const current = TABS.includes(tab) ? tab : 'discussion';
  const panel = h('div', { class: 'tab-panel', id: 'group-panel' });
  const builders = { discussion: discussion, plan: plan, signoffs: signoffs, documents: documents, members: members };
  const section = await builders[current](session, group, base);
  fill(panel, section.el);
  session.showGroup(groupId);
  const el = h('div', { class: 'page group' },
    h('h1', {}, group.name),
    h('nav', { class: 'tabs', 'aria-label': 'Group sections' }, TABS.map((key) =>
      h('a', { href: `#/rooms/${session.roomId}/groups/${groupId}/${key}`,
        'aria-current': key === current ? 'page' : null, class: key === current ? 'current' : null }, t(`group.tabs.${key}`)))),
    panel);
  const stop = session.on(['resync', 'members', 'presence', ...SECTION_TOPICS[current]], (event, topic) => {
    if (!event.groupId || event.groupId === groupId) section.update(event, topic);
  });
  return {
    el,
    dispose: () => {
      stop();
      session.showGroup(null);
    },
  };
}

// ---- Discussion ---------------------------------------------------------------------------------------------

async function discussion(session, group, base) {
  const posts = new Map(); // id -> post, as the server has it
  let pending = []; // {clientId, body, parentId, announcement, failed, error}: sent by me, not confirmed yet
  let nextBefore = null;
  let replyTo = null;

  const addPage = (page) => {
    page.posts.forEach((p) => posts.set(p.id, p));
    nextBefore = page.nextBefore;
  };
  addPage(await get(`${base}/posts?limit=50`));

  const thread = h('ol', { class: 'thread', 'aria-live': 'polite', 'aria-label': 'Discussion' });
  const older = h('button', { type: 'button', class: 'link' }, 'Show older posts');
  older.addEventListener('click', async () => {
    addPage(await get(`${base}/posts?limit=50&before=${nextBefore}`));
    render();
  });

  const text = h('textarea', { name: 'body', rows: 3, maxlength: 10000, required: true, placeholder: 'Write to the group…' });
  const replying = h('p', { class: 'replying', hidden: true });
  const announce = session.manager
    ? h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'announcement' }), ' Key update (announcement)')
    : null;
  const error = errorText();
  const composer = h('form', { class: 'composer', 'aria-label': 'New post' },
    replying, field('Message', text), announce, error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Send')));
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) composer.requestSubmit();
  });
  composer.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = text.value.trim();
    if (!body) return;
    const item = { clientId: clientId(), body, parentId: replyTo?.id || null,
      announcement: announce ? announce.querySelector('input').checked : false, failed: false };
    pending.push(item);
    text.value = '';
    if (announce) announce.querySelector('input').checked = false;
    setReply(null);
    render();
    send(item);
  });

  async function send(item) {
    item.failed = false;
    render();
    try {
      const saved = await post(`${base}/posts`, { body: item.body, parentId: item.parentId,
        announcement: item.announcement, clientId: item.clientId });
      posts.set(saved.id, saved);
      pending = pending.filter((p) => p !== item);
    } catch (e) {
      if (e instanceof ApiError && !e.retryable) {
        pending = pending.filter((p) => p !== item);
        text.value = item.body; // refused for good: give the text back
        showError(error, e);
      } else {
        item.failed = true;
        item.error = e;
      }
    }
    render();
  }

  function setReply(target) {
    replyTo = target;
    if (target) {
      fill(replying, `Replying to ${target.author?.name || 'a post'} `,
        h('button', { type: 'button', class: 'link', onclick: () => setReply(null) }, 'Cancel reply'));
      replying.hidden = false;
      text.focus();
    } else {
      replying.hidden = true;
    }
  }

  function postItem(p, isReply) {
    return h('li', { class: ['post', isReply && 'reply', p.announcement && 'announcement'], 'data-post-id': p.id },
      h('div', { class: 'post-head' },
        h('span', { class: 'author' }, p.author?.name || 'Former member'),
        h('time', { datetime: p.createdAt }, moment(p.createdAt)),
        p.announcement ? h('span', { class: 'tag' }, 'key update') : null,
        p.editedAt && !p.deleted ? h('span', { class: 'muted' }, '(edited)') : null),
      p.deleted ? h('p', { class: 'body muted' }, 'This post was deleted.') : h('p', { class: 'body' }, p.body),
      !isReply && !p.deleted
        ? h('button', { type: 'button', class: 'link', onclick: () => setReply(p) }, 'Reply') : null,
      isReply ? null : replies(p.id));
  }

  function pendingItem(item) {
    return h('li', { class: ['post', 'pending', item.parentId && 'reply', item.failed && 'failed'], 'data-client-id': item.clientId },
      h('div', { class: 'post-head' }, h('span', { class: 'author' }, session.me.name),
        h('span', { class: 'muted' }, !item.failed ? 'Sending…'
          : item.error?.status === 429 ? `Not sent. ${item.error.explanation}` : 'Not sent.')),
      h('p', { class: 'body' }, item.body),
      item.failed ? h('button', { type: 'button', class: 'link', onclick: () => send(item) }, 'Retry') : null);
  }

  function replies(parentId) {
    const list = [...posts.values()].filter((p) => p.parentId === parentId).sort((a, b) => a.seq - b.seq);
    const mine = pending.filter((item) => item.parentId === parentId);
    if (!list.length && !mine.length) return null;
    return h('ol', { class: 'replies' }, list.map((p) => postItem(p, true)), mine.map(pendingItem));
  }

  function render() {
    const all = [...posts.values()];
    const ids = new Set(all.map((p) => p.id));
    // a reply whose post is on an older page stands on its own
    const top = all.filter((p) => !p.parentId || !ids.has(p.parentId)).sort((a, b) => a.seq - b.seq);
    const orphans = pending.filter((item) => !item.parentId || !ids.has(item.parentId));
    fill(thread, top.map((p) => postItem(p, Boolean(p.parentId))), orphans.map(pendingItem));
    older.hidden = nextBefore === null || nextBefore === undefined;
    if (!top.length && !orphans.length) {
      fill(thread, h('li', { class: 'empty' }, 'No posts yet. Start the conversation.'));
    }
  }
  render();

  return {
    el: h('div', { class: 'discussion' }, older, thread, composer),
    update(event, topic) {
      if (topic === 'resync') {
        get(`${base}/posts?limit=50`).then((page) => { posts.clear(); addPage(page); render(); });
        return;
      }
      if (topic !== 'posts') return;
      const p = event.item;
      if (!posts.has(p.id) && p.author?.memberId === session.me.id) {
        // my own post arriving live before its response: it replaces the one shown as sending
        const mine = pending.find((item) => item.body === p.body && item.parentId === p.parentId);
        if (mine) pending = pending.filter((item) => item !== mine);
      }
      posts.set(p.id, p);
      render();
    },
  };
}

// ---- Plan ---------------------------------------------------------------------------------------------------

async function plan(session, group, base) {
  let tasks = await get(`${base}/tasks`);
  const list = h('ul', { class: 'tasks', 'aria-label': 'Tasks' });
  const memberOptions = (selected) => [h('option', { value: '' }, 'Nobody yet'),
    group.memberIds.map((id) => h('option', { value: id, selected: id === selected }, session.memberName(id)))];

  function taskItem(task) {
    const canEdit = session.manager || task.ownerId === session.me.id;
    const error = errorText();
    const change = (body, control) => acting(control, error, async () => {
      const saved = await patch(`${base}/tasks/${task.id}`, body);
      replace(saved);
    }).then(render);
    const status = h('select', { 'aria-label': `Status of ${task.title}`, disabled: !canEdit },
      [task.status, ...TASK_TRANSITIONS[task.status]].map((s) => h('option', { value: s, selected: s === task.status }, label('taskStatus', s))));
    const reason = h('input', { 'aria-label': 'Why is it blocked?', placeholder: 'Why is it blocked?', maxlength: 500, hidden: true });
    const block = h('button', { type: 'button', hidden: true }, 'Mark blocked');
    status.addEventListener('change', () => {
      if (status.value === 'BLOCKED') {
        reason.hidden = false;
        block.hidden = false;
        reason.focus();
      } else {
        change({ status: status.value }, status);
      }
    });
    block.addEventListener('click', () => change({ status: 'BLOCKED', blockedReason: reason.value.trim() }, block));
    const owner = h('select', { 'aria-label': `Owner of ${task.title}`, disabled: !canEdit }, memberOptions(task.ownerId));
    owner.addEventListener('change', () => owner.value && change({ ownerId: owner.value }, owner));
    const due = h('input', { type: 'date', value: task.dueDate || '', 'aria-label': `Due date of ${task.title}`, disabled: !canEdit });
    due.addEventListener('change', () => due.value && change({ dueDate: due.value }, due));
    return h('li', { class: ['task', task.overdue && 'overdue'], 'data-task-id': task.id },
      h('div', { class: 'task-head' },
        h('span', { class: 'task-title' }, task.title),
        task.milestone ? h('span', { class: 'tag' }, 'milestone') : null,
        statusBadge('taskStatus', task.status),
        task.overdue ? h('span', { class: 'badge late' }, 'overdue') : null),
      task.description ? h('p', { class: 'muted' }, task.description) : null,
      task.status === 'BLOCKED' && task.blockedReason ? h('p', { class: 'blocked' }, `Blocked: ${task.blockedReason}`) : null,
      h('div', { class: 'task-controls' }, status, owner, due, reason, block),
      error);
  }

  function replace(task) {
    tasks = [...tasks.filter((t) => t.id !== task.id), task].sort((a, b) => a.position - b.position);
  }

  function render() {
    fill(list, tasks.length ? tasks.map(taskItem) : h('li', { class: 'empty' }, 'No tasks in this group yet.'));
  }
  render();

  const error = errorText();
  const form = h('form', { class: 'card form', 'aria-labelledby': 'new-task-title' },
    h('h2', { id: 'new-task-title' }, 'Add a task'),
    field('Task', h('input', { name: 'title', required: true, maxlength: 200 })),
    h('div', { class: 'row' },
      field('Owner', h('select', { name: 'ownerId' }, memberOptions(null))),
      field('Due', h('input', { name: 'dueDate', type: 'date' }))),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'milestone' }), ' Milestone'),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Add task'));
  onCreate(form, error, async (v, id) => {
    replace(await post(`${base}/tasks`, {
      title: v.title, ownerId: v.ownerId || null, dueDate: v.dueDate || null, milestone: v.milestone, clientId: id,
    }));
    render();
  });

  return {
    el: h('div', {}, list, form),
    async update(event, topic) {
      if (topic === 'resync') tasks = await get(`${base}/tasks`);
      else if (topic === 'tasks') {
        // The task as the server sees it today: a payload's `overdue` is the one of the day it was written, and a
        // replay on reconnect can bring an old one.
        try {
          replace(await get(`${base}/tasks/${event.item.id}`));
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          return; // no longer ours to see: the membership event that follows redraws the group
        }
      } else if (topic !== 'members') return;
      render();
    },
  };
}

// ---- Sign-offs ----------------------------------------------------------------------------------------------

async function signoffs(session, group, base) {
  let items = await get(`${base}/signoffs`);
  const list = h('ul', { class: 'signoffs', 'aria-label': 'Sign-offs' });

  function replace(item) {
    items = [item, ...items.filter((s) => s.id !== item.id)].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  function signoffItem(item) {
    const error = errorText();
    const mine = item.approvers.find((a) => a.memberId === session.me.id);
    const open = item.status === 'REQUESTED';
    const comment = h('input', { 'aria-label': 'Comment (optional)', placeholder: 'Comment (optional)', maxlength: 2000 });
    const decide = (decision) => (e) => acting(e.currentTarget, error, async () =>
      replace(await post(`${base}/signoffs/${item.id}/decision`, { decision, comment: comment.value.trim() || null })))
      .then(render);
    const withdraw = (e) => acting(e.currentTarget, error, async () =>
      replace(await post(`${base}/signoffs/${item.id}/withdraw`))).then(render);
    return h('li', { class: 'card signoff', 'data-signoff-id': item.id },
      h('div', { class: 'card-head' }, h('span', { class: 'card-title' }, item.title), statusBadge('signoffStatus', item.status)),
      item.description ? h('p', {}, item.description) : null,
      h('p', { class: 'muted small' }, `Requested by ${session.memberName(item.authorId)}, ${moment(item.createdAt)}`),
      h('ul', { class: 'approvers', 'aria-label': 'Approvers' }, item.approvers.map((a) => h('li', {},
        h('span', {}, session.memberName(a.memberId)), ' ',
        a.decision ? statusBadge('decision', a.decision) : h('span', { class: 'muted' }, 'waiting'),
        a.comment ? h('q', {}, a.comment) : null))),
      open && mine && !mine.decision ? h('div', { class: 'actions' }, comment,
        h('button', { type: 'button', class: 'primary', onclick: decide('APPROVED') }, 'Approve'),
        h('button', { type: 'button', class: 'danger', onclick: decide('REJECTED') }, 'Reject')) : null,
      open && item.authorId === session.me.id
        ? h('button', { type: 'button', class: 'link', onclick: withdraw }, 'Withdraw request') : null,
      error);
  }

  function render() {
    fill(list, items.length ? items.map(signoffItem) : h('li', { class: 'empty' }, 'No sign-offs requested yet.'));
  }
  render();

  const error = errorText();
  const approverBoxes = h('fieldset', {}, h('legend', {}, 'Approvers'));
  const renderApprovers = () => fill(approverBoxes, h('legend', {}, 'Approvers'), group.memberIds.map((id) =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'approverIds', value: id, 'data-multi': true }),
      ` ${session.memberName(id)}`)));
  renderApprovers();
  const form = h('form', { class: 'card form', 'aria-labelledby': 'new-signoff-title' },
    h('h2', { id: 'new-signoff-title' }, 'Request a sign-off'),
    field('What needs approving', h('input', { name: 'title', required: true, maxlength: 200 })),
    field('Details', h('textarea', { name: 'description', rows: 2, maxlength: 5000 })),
    approverBoxes, error,
    h('button', { type: 'submit', class: 'primary' }, 'Request sign-off'));
  onCreate(form, error, async (v, id) => {
    replace(await post(`${base}/signoffs`, {
      title: v.title, description: v.description || null, approverIds: v.approverIds, clientId: id,
    }));
    render();
  });

  return {
    el: h('div', {}, list, form),
    async update(event, topic) {
      if (topic === 'resync') items = await get(`${base}/signoffs`);
      else if (topic === 'signoffs') replace(event.item);
      else if (topic === 'groups' || topic === 'members') renderApprovers();
      else return;
      render();
    },
  };
}

// ---- Documents ----------------------------------------------------------------------------------------------

async function documents(session, group, base) {
  let docs = await get(`${base}/documents`);
  const list = h('ul', { class: 'documents', 'aria-label': 'Documents' });

  function replace(doc) {
    docs = [doc, ...docs.filter((d) => d.id !== doc.id)].sort((a, b) => a.name.localeCompare(b.name));
  }

  function documentItem(doc) {
    const latest = doc.versions[0]; // the API lists versions newest first
    const href = (version) => `${base}/documents/${doc.id}/content?version=${version}`;
    return h('li', { class: 'card document', 'data-document-id': doc.id },
      h('div', { class: 'card-head' },
        h('a', { href: href(latest.version), download: doc.name, class: 'card-title' }, doc.name),
        h('span', { class: 'muted small' }, `v${latest.version} · ${bytes(latest.size)}`)),
      h('p', { class: 'muted small' }, `Uploaded by ${session.memberName(latest.uploadedBy)}, ${moment(latest.uploadedAt)}`),
      doc.versions.length > 1 ? h('details', {}, h('summary', {}, `All ${doc.versions.length} versions`),
        h('ul', {}, doc.versions.map((v) => h('li', {},
          h('a', { href: href(v.version), download: doc.name }, `Version ${v.version}`),
          ` · ${bytes(v.size)} · ${session.memberName(v.uploadedBy)} · ${moment(v.uploadedAt)}`)))) : null,
      h('p', { class: 'small viewers' }, doc.views.length
        ? ['Viewed by ', doc.views.map((v) => `${session.memberName(v.memberId)} (${v.count}×, ${moment(v.lastViewedAt)})`).join(', ')]
        : 'Nobody has opened it yet.'));
  }

  function render() {
    fill(list, docs.length ? docs.map(documentItem) : h('li', { class: 'empty' }, 'No documents shared yet.'));
  }
  render();

  const error = errorText();
  const file = h('input', { type: 'file', name: 'file', required: true });
  const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': 'Upload progress' });
  const form = h('form', { class: 'card form', 'aria-labelledby': 'upload-title' },
    h('h2', { id: 'upload-title' }, 'Share a document'),
    field('File', file),
    field('Name (optional; the same name adds a version)', h('input', { name: 'name', maxlength: 200 })),
    progress, error,
    h('button', { type: 'submit', class: 'primary' }, 'Upload'));
  onCreate(form, error, async (v, id) => {
    progress.value = 0;
    progress.hidden = false;
    replace(await upload(`${base}/documents`, { name: v.name, clientId: id }, file.files[0],
      (fraction) => { progress.value = Math.round(fraction * 100); }));
    render();
  });

  return {
    el: h('div', {}, list, form),
    async update(event, topic) {
      if (topic === 'resync') docs = await get(`${base}/documents`);
      else if (topic === 'documents') replace(event.item);
      else if (topic === 'documentViews') replace(await get(`${base}/documents/${event.item.documentId}`));
      else if (topic !== 'members') return;
      render();
    },
  };
}

// ---- Members ------------------------------------------------------------------------------------------------

async function members(session, group, base) {
  const el = h('div', {});
  const fixed = group.kind === 'EVERYONE' || group.kind === 'STEERING';
  const error = errorText();

  function render() {
    const inGroup = new Set(group.memberIds);
    const others = session.members.filter((m) => !inGroup.has(m.id) && session.manages(m.id));
    const editable = session.manager && !fixed;
    const select = h('select', { 'aria-label': 'Room member to add' },
      others.map((m) => h('option', { value: m.id }, m.name)));
    fill(el,
      h('ul', { class: 'members', 'aria-label': 'Group members' }, group.memberIds.map((id) => h('li', { class: 'member' },
        presenceDot(session.presence.has(id)),
        h('span', { class: 'member-name' }, session.memberName(id)),
        editable && id !== session.me.id && session.manages(id) ? h('button', { type: 'button', class: 'link',
          onclick: (e) => acting(e.currentTarget, error, () => del(`${base}/members/${id}`)) },
        `Remove ${session.memberName(id)}`) : null))),
      fixed ? h('p', { class: 'muted small' }, 'This group’s membership follows the room’s roles.') : null,
      editable && others.length ? h('div', { class: 'actions' }, select,
        h('button', { type: 'button', onclick: (e) => acting(e.currentTarget, error, () => put(`${base}/members/${select.value}`)) },
          'Add to group')) : null,
      error);
  }
  render();
  return { el, update: render };
}
