// Every event type of the room log, handled here and nowhere else: what it changes in the open room's state
// (`apply`), which parts of the page it concerns (`topics`) and, where the payload wraps it, the item it
// carries (`item`; the payload itself otherwise). Screens listen to topics with session.on() and read
// `event.item`; they never switch on wire names. DispatchTableTest fails when the server declares a type this table neither
// handles nor ignores, or when the table names a type the server no longer has.

/** An event the page shows nothing for, on purpose (say why beside it). */
const IGNORE = Object.freeze({ topics: [] });

export const DISPATCH = Object.freeze({
  // the first event of every room: the room is loaded over REST before any event arrives
  'room.created': IGNORE,
  'room.updated': { apply: (session, event) => session.roomUpdated(event.data), topics: ['room'] },
  'member.added': { apply: (session, event) => session.memberAdded(event.data), topics: ['members'] },
  'member.removed': { apply: (session, event) => session.memberRemoved(event.data.memberId), topics: ['members'] },
  // an erasure also took their name and maybe their text out of what the screens show: they reload it ('resync')
  'member.erased': { apply: (session, event) => session.memberRemoved(event.data.memberId), topics: ['members', 'resync'] },
  'invitation.sent': { topics: ['invitations'] },
  'invitation.claimed': { topics: ['invitations'] },
  'invitation.revoked': { topics: ['invitations'] },
  'group.created': { apply: (session, event) => session.groupCreated(event.data), topics: ['groups'] },
  'group.member_added': { apply: (session, event) => session.groupMembership(event.data, true), topics: ['groups', 'members'] },
  'group.member_removed': { apply: (session, event) => session.groupMembership(event.data, false), topics: ['groups', 'members'] },
  'post.created': { topics: ['posts'] },
  'post.edited': { topics: ['posts'] },
  'post.deleted': { topics: ['posts'] },
  'task.created': { topics: ['tasks'] },
  'task.updated': { topics: ['tasks'], item: (data) => data.task },
  // the group's task ids in their new order (`item.taskIds`)
  'task.reordered': { topics: ['taskOrder'] },
  // a due rule moved the task's date: the task, with why (`rescheduled`: cause, causeTaskId, previousDueDate)
  'task.rescheduled': {
    topics: ['tasks'],
    item: (data) => ({ ...data.task, rescheduled: { cause: data.cause, causeTaskId: data.causeTaskId, previousDueDate: data.previousDueDate } }),
  },
  'signoff.requested': { topics: ['signoffs'] },
  'signoff.decided': { topics: ['signoffs'] },
  'signoff.withdrawn': { topics: ['signoffs'] },
  'document.uploaded': { topics: ['documents'] },
  'document.viewed': { topics: ['documentViews'] },
  'nudge.sent': { topics: ['nudges'] },
  // the owner only: a key buyer has gone quiet, or is back (the bell tells it, the engagement section reloads)
  'engagement.alert': { topics: ['engagement'] },
  // steering only: a buyer's roles or attitude changed (the committee screen reloads its coverage)
  'committee.changed': { topics: ['committee'] },
  // colleague requests reach the managers and their requester only
  'colleague.requested': { topics: ['colleagueRequests'] },
  'colleague.approved': { topics: ['colleagueRequests'] },
  'colleague.declined': { topics: ['colleagueRequests'] },
  'colleague.withdrawn': { topics: ['colleagueRequests'] },
  // a download of the room or of someone's own data: kept in the log for the managers, nothing to show live
  'export.downloaded': IGNORE,
});

/** The entry for an event type; a type this page does not know yet (a newer server) is ignored. */
export function handlerOf(type) {
  return DISPATCH[type] || IGNORE;
}
