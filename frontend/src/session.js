// An open room: its state (room, me, my groups, members, presence, unread counts), kept live by one WebSocket.
// Events change the state through the dispatch table, then reach the screens that listen to their topics.

import { get, post } from './api.js';
import { RoomLive } from './live.js';
import { handlerOf } from './dispatch.js';
import { ACTIONS } from './events.generated.js';
import { t } from './i18n.js';
import { groupName } from './format.js';

/**
 * Topics a screen may listen to with on(): those of the dispatch table ('room', 'members', 'invitations',
 * 'groups', 'posts', 'tasks', 'taskOrder', 'signoffs', 'documents', 'documentViews', 'nudges', 'committee', 'colleagueRequests'; their events carry `item`, the
 * post, task, sign-off… the event is about) and the session's own: 'activity' (every
 * event of the log, after its topics: feeds and figures), 'presence' (who is online), 'unread' (a count
 * changed) and 'resync' (everything was reloaded: redraw from the server).
 */
/** A group with its name in the page's language (default groups are named by the catalogue). */
function named(group) {
  return { ...group, name: groupName(group) };
}

export class RoomSession {
  constructor(roomId, banner) {
    this.roomId = roomId;
    this.banner = banner;
    this.listeners = new Map(); // topic -> Set of listeners
    this.presence = new Set();
    this.shownGroupId = null;
    this.live = null;
    this.status = 'connecting';
  }

  async load() {
    const [view, members, unread] = await Promise.all([
      get(`/api/rooms/${this.roomId}`),
      get(`/api/rooms/${this.roomId}/members`),
      get(`/api/rooms/${this.roomId}/unread`),
    ]);
    this.room = view.room;
    this.me = view.me;
    this.permitted = new Set(view.may);
    this.closeReason = view.closeReason; // the seller's side only
    this.readUntil = view.readUntil; // the buyer's side of a closed room
    this.groups = view.groups.map(named);
    this.members = members;
    this.unread = new Map(unread.map((u) => [u.groupId, u.unread]));
    return view.seq;
  }

  async start() {
    const seq = await this.load();
    // the reader entered the room: a visit (the reloads after a reconnection or a change are not)
    post(`/api/rooms/${this.roomId}/visits`).catch(() => {});
    this.live = new RoomLive(this.roomId, seq, {
      onEvent: (event) => this.apply(event),
      onPresence: (online) => {
        this.presence = new Set(online);
        this.emit('presence', { type: 'presence' });
      },
      onResync: async () => {
        await this.load();
        this.emit('resync', { type: 'resync' });
      },
      onStatus: (status) => {
        this.status = status;
        this.banner(status);
      },
    }).start();
    return this;
  }

  stop() {
    this.live?.stop();
    this.listeners.clear();
  }

  /**
   * Whether I may take an action of the server's table (ACTIONS): by my standing in the room, as the room view says,
   * or by what I am to the item it acts on — 'author', 'assignee' or 'approver' — where the table allows that:
   * may('task.change', task.ownerId === me.id && 'assignee'). The server decides again; this only offers.
   */
  may(action, relation) {
    if (!ACTIONS[action]) throw new Error(`unknown action ${action}`);
    // in a closed room nothing is offered but what `may` lists (the server refuses the rest with 409)
    return this.permitted.has(action)
      || (!this.room.closedAt && Boolean(relation) && ACTIONS[action].includes(relation));
  }

  /** Whether I add, remove, regroup and re-invite this member: the seller's side is the owner's alone. */
  manages(memberId) {
    const member = this.member(memberId);
    return Boolean(member) && this.may(member.side === 'SELLER' ? 'sellers.manage' : 'buyers.manage');
  }

  member(id) {
    return this.members.find((m) => m.id === id);
  }

  memberName(id) {
    return this.member(id)?.name || t('common.formerMember');
  }

  group(id) {
    return this.groups.find((g) => g.id === id);
  }

  /**
   * Calls `listener(event, topic)` for every event of the given topic(s) (see the class comment); returns the
   * way to stop listening. A screen listens while it is shown and stops in its dispose().
   */
  on(topics, listener) {
    const list = Array.isArray(topics) ? topics : [topics];
    list.forEach((topic) => {
      if (!this.listeners.has(topic)) this.listeners.set(topic, new Set());
      this.listeners.get(topic).add(listener);
    });
    return () => list.forEach((topic) => this.listeners.get(topic)?.delete(listener));
  }

  emit(topic, event) {
    [...(this.listeners.get(topic) || [])].forEach((listener) => listener(event, topic));
  }

  /** The group on screen is read as its events arrive; the others count unread. */
  showGroup(groupId) {
    this.shownGroupId = groupId;
    if (groupId) {
      this.unread.set(groupId, 0);
      this.markRead(groupId);
    }
    this.emit('unread', { type: 'unread' });
  }

  markRead(groupId) {
    if (document.visibilityState === 'visible' && this.live) this.live.markRead(groupId, this.live.seq);
  }

  async apply(received) {
    const handler = handlerOf(received.type);
    const event = { ...received, item: handler.item ? handler.item(received.data) : received.data };
    await handler.apply?.(this, event);
    if (event.groupId) {
      if (event.groupId === this.shownGroupId) {
        this.markRead(event.groupId);
      } else if (event.actor?.memberId !== this.me.id && this.group(event.groupId)) {
        this.unread.set(event.groupId, (this.unread.get(event.groupId) || 0) + 1);
        this.emit('unread', { type: 'unread' });
      }
    }
    handler.topics.forEach((topic) => this.emit(topic, event));
    this.emit('activity', event);
  }

  // ---- state changes the dispatch table makes ----

  /** The room's fields changed; closing or reopening it also changes what I may do, which the server says. */
  async roomUpdated(room) {
    const closing = Boolean(room.closedAt) !== Boolean(this.room.closedAt);
    this.room = room;
    if (closing) {
      try {
        const view = await get(`/api/rooms/${this.roomId}`);
        this.permitted = new Set(view.may);
        this.closeReason = view.closeReason;
        this.readUntil = view.readUntil;
      } catch (e) {
        // not read now: the server still refuses what is no longer allowed, and the next load reads it again
        console.error(e);
      }
    }
  }

  memberAdded(member) {
    this.members = [...this.members.filter((m) => m.id !== member.id), member];
  }

  memberRemoved(memberId) {
    this.members = this.members.filter((m) => m.id !== memberId);
  }

  groupCreated(group) {
    if (!this.group(group.id)) this.groups = [...this.groups, named(group)];
  }

  async groupMembership(change, added) {
    if (change.memberId === this.me.id) {
      await this.load(); // my groups changed: what I may see changed with them
      return;
    }
    const group = this.group(change.groupId);
    if (group) {
      const ids = group.memberIds.filter((id) => id !== change.memberId);
      group.memberIds = added ? [...ids, change.memberId] : ids;
    }
    const member = this.member(change.memberId);
    if (member) {
      const ids = member.groupIds.filter((id) => id !== change.groupId);
      member.groupIds = added ? [...ids, change.groupId] : ids;
    }
  }
}
