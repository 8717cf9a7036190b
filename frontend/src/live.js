// One WebSocket per open room: replay after the last applied seq, then live events, in seq order, without gaps
// or duplicates; reconnects with back-off and resumes where it stopped.

import { post, put, ApiError } from './api.js';
import { CONTROL_MESSAGES, CLOSE_CODES } from './events.generated.js';

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 15000;
const ENDED = new Set(['removed', 'signed-out', 'access-ended']);

/**
 * handlers: onEvent(event), onPresence(memberIds), onResync(seq) (reload state over REST, then resolve),
 * onStatus('connecting' | 'live' | 'reconnecting' | 'removed' | 'gone' | 'signed-out' | 'access-ended').
 */
export class RoomLive {
  constructor(roomId, seq, handlers) {
    this.roomId = roomId;
    this.seq = seq; // the newest event applied
    this.handlers = handlers;
    this.socket = null;
    this.attempt = 0;
    this.timer = null;
    this.connecting = false; // a ticket is being asked for
    this.stopped = false;
    this.queue = Promise.resolve(); // messages are handled one after another, resyncs included
    // A socket cut by the network may never see its close: the browser's own word that it is offline is not
    // waited for, and coming back online reconnects at once instead of after the back-off.
    this.onOffline = () => this.dropped();
    this.onOnline = () => this.resume();
  }

  start() {
    addEventListener('offline', this.onOffline);
    addEventListener('online', this.onOnline);
    this.connect();
    return this;
  }

  stop() {
    this.stopped = true;
    removeEventListener('offline', this.onOffline);
    removeEventListener('online', this.onOnline);
    clearTimeout(this.timer);
    if (this.socket) this.socket.close(1000, 'left');
    this.socket = null;
  }

  /** Tells the server the member has seen a group up to seq (for "who has seen it"). */
  markRead(groupId, seq) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ type: 'read', groupId, seq }));
      return;
    }
    put(`/api/rooms/${this.roomId}/groups/${groupId}/read`, { seq }).catch(() => {});
  }

  async connect() {
    if (this.stopped || this.socket || this.connecting) return;
    this.status(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let ticket;
    this.connecting = true;
    try {
      ticket = await post(`/api/rooms/${this.roomId}/live-tickets`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return this.status('signed-out');
      if (e instanceof ApiError && e.status === 404) return this.status('removed');
      if (e instanceof ApiError && e.status === 410) return this.status('access-ended');
      return this.retry();
    } finally {
      this.connecting = false;
    }
    if (this.stopped || this.socket) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${location.host}/ws/rooms/${encodeURIComponent(this.roomId)}`
      + `?since=${this.seq}&ticket=${encodeURIComponent(ticket.ticket)}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('message', (message) => {
      this.queue = this.queue.then(() => this.receive(JSON.parse(message.data))).catch((e) => console.error(e));
    });
    socket.addEventListener('close', (e) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      if (e.code === CLOSE_CODES.REMOVED) return this.status('removed');
      // fell behind, or the login expired (a new ticket renews the session): resume at once
      if (e.code === CLOSE_CODES.RESUME || e.code === CLOSE_CODES.SESSION_EXPIRED) this.attempt = 0;
      this.retry();
    });
  }

  /** The network is gone: whatever the socket still says, nothing reaches it until the browser is back online. */
  dropped() {
    if (this.stopped || this.ended) return;
    const socket = this.socket;
    this.socket = null;
    if (socket) socket.close(1000, 'offline');
    this.retry();
  }

  /** Back online: resume now, after the last applied seq, unless a socket is already open or opening. */
  resume() {
    if (this.stopped || this.ended || this.socket || this.connecting) return;
    this.attempt = 0;
    clearTimeout(this.timer);
    this.connect();
  }

  retry() {
    if (this.stopped) return;
    this.status('reconnecting');
    const delay = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** this.attempt) * (0.75 + Math.random() / 2);
    this.attempt += 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  async receive(message) {
    switch (message.type) {
      case CONTROL_MESSAGES.READY:
        this.attempt = 0;
        this.status('live');
        return;
      case CONTROL_MESSAGES.PRESENCE:
        this.handlers.onPresence?.(message.online);
        return;
      case CONTROL_MESSAGES.RESYNC:
        // The log no longer holds what we missed: reload everything, then continue after its seq.
        await this.handlers.onResync?.(message.seq);
        this.seq = Math.max(this.seq, message.seq);
        return;
      default:
        if (typeof message.seq !== 'number' || message.seq <= this.seq) return; // already applied
        this.seq = message.seq;
        await this.handlers.onEvent?.(message); // applied one after another, like the messages
    }
  }

  status(value) {
    // removed from the room, signed out, or a closed room's access over: nothing brings the socket back
    this.ended = ENDED.has(value);
    this.handlers.onStatus?.(value);
  }
}
