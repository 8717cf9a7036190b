package dev.dealroom.progress;

/**
 * What a member has seen, and which key updates they owe: the one definition, as SQL conditions shared by every
 * figure built on it (the coordination view and its health reasons, who has seen each key update, unread counts,
 * nudges, the daily digest).
 *
 * <ul>
 * <li>A member has <b>seen</b> an event of their group when they made it, or when their read marker of the group
 * has reached its seq (their client showed them the group up to there).
 * <li>A member <b>owes</b> a key update when they have not seen it and were in its group when it was published
 * (their membership's {@code joined_seq} is below its seq): nobody is expected to have seen what their group
 * published before they were put in it.
 * </ul>
 *
 * The conditions name their rows: {@code e}, the event ({@code room_event}); {@code gm}, a membership of its
 * group ({@code group_member}); {@code rm}, that member's read marker of the group ({@code read_marker}, left
 * joined: none before their first read). {@link #READERS} joins the last two to {@code e}.
 */
public final class Seen {

    /** Every member of {@code e}'s group ({@code gm}) with their read marker of it ({@code rm}). */
    public static final String READERS = "join group_member gm on gm.group_id = e.group_id"
            + " left join read_marker rm on rm.member_id = gm.member_id and rm.group_id = e.group_id";

    /** {@code gm}'s member has seen {@code e}. */
    public static final String SEEN = "(e.actor_member_id is not distinct from gm.member_id"
            + " or coalesce(rm.last_seq, 0) >= e.seq)";

    /** {@code e} is a key update that {@code gm}'s member was expected to see and has not. */
    public static final String OWED = "(e.key_update and gm.joined_seq < e.seq and not " + SEEN + ")";

    private Seen() {
    }
}
