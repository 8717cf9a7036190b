// The room's people: members and their presence, inviting, and the invitations' state.

import { overviewView } from './room.js';

export async function peopleView(session) {
  return overviewView(session);
}
