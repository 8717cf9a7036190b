// Generated from dev.dealroom.event.EventType, ControlMessage, CloseCode, dev.dealroom.task.TaskStatus,
// dev.dealroom.room.RoomStage and dev.dealroom.access.Action by EventCatalogueTest.
// Do not edit: change the Java declaration, then run
//   ./mvnw test -Dtest=EventCatalogueTest -Ddealroom.regenerate=true

/** The room log's event types: who receives each ("room": every member, "group": the
 * group's members) and the fields of its data. */
export const EVENT_TYPES = Object.freeze({
  "room.created": Object.freeze({ scope: "room", data: Object.freeze(["id", "name", "prospectAccount", "amount", "currency", "targetDecisionDate", "stage", "status", "createdAt", "updatedAt", "sellerName", "welcomeMessage", "accentColor", "buyerLogo", "sellerLogo", "closedAt", "erasedPostText"]) }),
  "room.updated": Object.freeze({ scope: "room", data: Object.freeze(["id", "name", "prospectAccount", "amount", "currency", "targetDecisionDate", "stage", "status", "createdAt", "updatedAt", "sellerName", "welcomeMessage", "accentColor", "buyerLogo", "sellerLogo", "closedAt", "erasedPostText"]) }),
  "member.added": Object.freeze({ scope: "room", data: Object.freeze(["id", "email", "name", "side", "title", "decisionMaker", "owner", "groupIds"]) }),
  "invitation.sent": Object.freeze({ scope: "room", data: Object.freeze(["id", "memberId", "email", "status", "invitedBy", "createdAt", "expiresAt", "claimedAt", "revokedAt", "memberJoined"]) }),
  "invitation.claimed": Object.freeze({ scope: "room", data: Object.freeze(["id", "memberId", "email", "status", "invitedBy", "createdAt", "expiresAt", "claimedAt", "revokedAt", "memberJoined"]) }),
  "invitation.revoked": Object.freeze({ scope: "room", data: Object.freeze(["id", "memberId", "email", "status", "invitedBy", "createdAt", "expiresAt", "claimedAt", "revokedAt", "memberJoined"]) }),
  "member.removed": Object.freeze({ scope: "room", data: Object.freeze(["memberId", "name"]) }),
  "member.erased": Object.freeze({ scope: "room", data: Object.freeze(["memberId"]) }),
  "group.created": Object.freeze({ scope: "group", data: Object.freeze(["id", "key", "name", "kind", "memberIds", "createdAt"]) }),
  "group.member_added": Object.freeze({ scope: "group", data: Object.freeze(["groupId", "memberId"]) }),
  "group.member_removed": Object.freeze({ scope: "group", data: Object.freeze(["groupId", "memberId"]) }),
  "post.created": Object.freeze({ scope: "group", data: Object.freeze(["id", "groupId", "seq", "parentId", "author", "body", "mentions", "announcement", "createdAt", "editedAt", "deleted", "clientId"]) }),
  "post.edited": Object.freeze({ scope: "group", data: Object.freeze(["id", "groupId", "seq", "parentId", "author", "body", "mentions", "announcement", "createdAt", "editedAt", "deleted", "clientId"]) }),
  "post.deleted": Object.freeze({ scope: "group", data: Object.freeze(["id", "groupId", "seq", "parentId", "author", "body", "mentions", "announcement", "createdAt", "editedAt", "deleted", "clientId"]) }),
  "task.created": Object.freeze({ scope: "group", data: Object.freeze(["id", "groupId", "title", "description", "ownerId", "dueDate", "status", "blockedReason", "milestone", "position", "overdue", "createdBy", "createdAt", "updatedAt", "dueKind", "dueDays", "dueAfterTaskId", "projectedDate", "rollup", "signoffToRequest", "clientId"]) }),
  "task.updated": Object.freeze({ scope: "group", data: Object.freeze(["task", "changed"]) }),
  "task.reordered": Object.freeze({ scope: "group", data: Object.freeze(["taskIds"]) }),
  "task.rescheduled": Object.freeze({ scope: "group", data: Object.freeze(["taskId", "dueDate", "previousDueDate", "cause", "causeTaskId", "task"]) }),
  "signoff.requested": Object.freeze({ scope: "group", data: Object.freeze(["id", "groupId", "title", "description", "authorId", "status", "approvers", "createdAt", "closedAt", "clientId"]) }),
  "signoff.decided": Object.freeze({ scope: "group", data: Object.freeze(["id", "groupId", "title", "description", "authorId", "status", "approvers", "createdAt", "closedAt", "clientId"]) }),
  "signoff.withdrawn": Object.freeze({ scope: "group", data: Object.freeze(["id", "groupId", "title", "description", "authorId", "status", "approvers", "createdAt", "closedAt", "clientId"]) }),
  "document.uploaded": Object.freeze({ scope: "group", data: Object.freeze(["id", "groupId", "name", "versions", "views", "createdAt", "clientId"]) }),
  "document.viewed": Object.freeze({ scope: "group", data: Object.freeze(["documentId", "name", "version", "memberId"]) }),
  "nudge.sent": Object.freeze({ scope: "member", data: Object.freeze(["id", "memberId", "topic", "byMemberId", "count", "createdAt"]) }),
  "engagement.alert": Object.freeze({ scope: "member", data: Object.freeze(["memberId", "buyerId", "buyerName", "buyerTitle", "kind", "lastVisit", "days"]) }),
  "committee.changed": Object.freeze({ scope: "group", data: Object.freeze(["memberId", "roles", "attitude"]) }),
  "colleague.requested": Object.freeze({ scope: "managers", data: Object.freeze(["id", "requesterId", "email", "name", "groupIds", "status", "reason", "decidedById", "memberId", "createdAt", "decidedAt"]) }),
  "colleague.approved": Object.freeze({ scope: "managers", data: Object.freeze(["id", "requesterId", "email", "name", "groupIds", "status", "reason", "decidedById", "memberId", "createdAt", "decidedAt"]) }),
  "colleague.declined": Object.freeze({ scope: "managers", data: Object.freeze(["id", "requesterId", "email", "name", "groupIds", "status", "reason", "decidedById", "memberId", "createdAt", "decidedAt"]) }),
  "colleague.withdrawn": Object.freeze({ scope: "managers", data: Object.freeze(["id", "requesterId", "email", "name", "groupIds", "status", "reason", "decidedById", "memberId", "createdAt", "decidedAt"]) }),
  "export.downloaded": Object.freeze({ scope: "managers", data: Object.freeze(["exportId", "requesterId", "name", "kind"]) }),
});

/** WebSocket messages that are not events of the log. */
export const CONTROL_MESSAGES = Object.freeze({
  READY: "ready",
  RESYNC: "resync",
  PRESENCE: "presence",
});

/** The codes with which the server closes a room's WebSocket. */
export const CLOSE_CODES = Object.freeze({
  RESUME: 4001,
  SESSION_EXPIRED: 4401,
  REMOVED: 4403,
  TOO_MANY_SOCKETS: 4429,
});

/** Where a task may move from each status; the server refuses any other move. */
export const TASK_TRANSITIONS = Object.freeze({
  TODO: Object.freeze(["IN_PROGRESS", "BLOCKED", "DONE"]),
  IN_PROGRESS: Object.freeze(["TODO", "BLOCKED", "DONE"]),
  BLOCKED: Object.freeze(["TODO", "IN_PROGRESS"]),
  DONE: Object.freeze(["IN_PROGRESS"]),
});

/** The stages of a room, in the sales process's order, and the one a new room starts in. */
export const ROOM_STAGES = Object.freeze(["QUALIFICATION", "DISCOVERY", "EVALUATION", "PROPOSAL", "NEGOTIATION", "CLOSING"]);
export const DEFAULT_ROOM_STAGE = "EVALUATION";

/** The access policy's table: who may take each action, as a standing in the room ("owner",
 * "decision-maker", "seller", "buyer") or a relation to the item ("author", "assignee",
 * "approver"). The page offers only what its member may do; the server decides. */
export const ACTIONS = Object.freeze({
  "room.edit": Object.freeze(["owner", "decision-maker"]),
  "room.decide": Object.freeze(["owner"]),
  "room.brand_buyer": Object.freeze(["owner", "decision-maker"]),
  "room.brand_seller": Object.freeze(["owner"]),
  "buyers.manage": Object.freeze(["owner", "decision-maker"]),
  "sellers.manage": Object.freeze(["owner"]),
  "member.erase": Object.freeze(["owner"]),
  "member.erase_self": Object.freeze(["decision-maker", "seller", "buyer"]),
  "invitations.view": Object.freeze(["owner", "decision-maker"]),
  "group.create": Object.freeze(["owner", "decision-maker"]),
  "nudge.send": Object.freeze(["owner", "decision-maker"]),
  "post.create": Object.freeze(["owner", "decision-maker", "seller", "buyer"]),
  "post.announce": Object.freeze(["owner", "decision-maker"]),
  "post.edit": Object.freeze(["author"]),
  "post.delete": Object.freeze(["author"]),
  "task.create": Object.freeze(["owner", "decision-maker", "seller", "buyer"]),
  "task.change": Object.freeze(["owner", "decision-maker", "assignee"]),
  "task.order": Object.freeze(["owner", "decision-maker"]),
  "signoff.request": Object.freeze(["owner", "decision-maker", "seller", "buyer"]),
  "signoff.decide": Object.freeze(["approver"]),
  "signoff.withdraw": Object.freeze(["author"]),
  "document.upload": Object.freeze(["owner", "decision-maker", "seller", "buyer"]),
  "committee.view": Object.freeze(["owner", "decision-maker"]),
  "engagement.view": Object.freeze(["owner", "decision-maker"]),
  "committee.edit": Object.freeze(["owner"]),
  "colleague.request": Object.freeze(["buyer"]),
  "colleague.decide": Object.freeze(["owner", "decision-maker"]),
  "colleague.withdraw": Object.freeze(["author"]),
  "template.save": Object.freeze(["owner", "seller"]),
  "webhook.view": Object.freeze(["owner", "decision-maker"]),
  "webhook.manage": Object.freeze(["owner", "decision-maker"]),
  "room.export": Object.freeze(["owner", "decision-maker"]),
});
