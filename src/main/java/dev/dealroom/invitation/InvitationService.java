package dev.dealroom.invitation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Action;
import dev.dealroom.access.MemberLocks;
import dev.dealroom.access.Caller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.access.RoomMember;
import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.common.Emails;
import dev.dealroom.common.Hashes;
import dev.dealroom.common.Ids;
import dev.dealroom.common.RateLimits;
import dev.dealroom.common.SqlValues;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;
import dev.dealroom.common.i18n.Text;

/**
 * Invitations: everyone added to a room gets a link by email that brings them into it. The link holds 256
 * random bits; only their SHA-256 is stored. It works once, until it expires or is revoked, and only for a login
 * whose verified email is the one invited — the same email that makes them the member, so a forwarded link is
 * useless to anyone else. Resending revokes the member's open link and sends a new one. Every invitation email,
 * a member's first one included, counts against its address's hourly limit ({@link RateLimits#invitationMails}).
 *
 * <p>The link is the way in, not the key: a member who signs in with the invited email gets in without it. So a
 * member has <b>joined</b> once they have been in the room, however they came: they used their link or opened a
 * live connection to the room (every screen of the web page does; both record {@code member.joined_at}), or the
 * room holds something of theirs: a change in its log, or a group marked read.
 */
@ApplicationScoped
public class InvitationService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final AccessPolicy access;
    private final EventLog events;
    private final DealRoomConfig config;
    private final Event<InvitationIssued> issued;
    private final Emails emails;
    private final MemberLocks memberLocks;
    private final RateLimits limits;
    private final Clock clock;

    public InvitationService(EntityManager em, AccessPolicy access, EventLog events, DealRoomConfig config,
            Event<InvitationIssued> issued, Emails emails, MemberLocks memberLocks, RateLimits limits, Clock clock) {
        this.em = em;
        this.access = access;
        this.events = events;
        this.config = config;
        this.issued = issued;
        this.emails = emails;
        this.memberLocks = memberLocks;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Refuses (429) when this address has already been sent its hour's invitation emails. Called before a member
     * is added, so that a refused add changes nothing; from here until the transaction ends, the address's
     * other invitations wait for this one (see {@link #invite}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refuseIfTooManyMails(String email) {
        RateLimits.Limit limit = limits.invitationMails();
        String address = email.toLowerCase(Locale.ROOT);
        limits.takeTurns(limit, address);
        Object[] sent = (Object[]) em.createNativeQuery("select count(*), min(sent_at) from invitation_mail"
                + " where email_sha256 = ?1 and sent_at > ?2")
                .setParameter(1, Hashes.sha256Hex(address)).setParameter(2, limits.periodStart(limit)).getSingleResult();
        long count = ((Number) sent[0]).longValue();
        limits.check(limit, count, sent[1] == null ? null : SqlValues.instant(sent[1]).plus(limit.period()));
    }

    /** Invites a member just added to the room, in the transaction that added them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void invite(RoomAccess room, UUID memberId, String email, String name) {
        issue(room, memberId, email, name);
    }

    @Transactional
    public List<InvitationView> list(Caller caller, String roomId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.INVITATIONS_VIEW);
        Instant now = clock.instant();
        List<Invitation> invitations = em
                .createQuery("from Invitation i where i.roomId = ?1 order by i.createdAt desc", Invitation.class)
                .setParameter(1, room.roomId())
                .getResultList();
        Set<UUID> joined = joined(room.roomId(), invitations.stream().map(invitation -> invitation.memberId).toList());
        return invitations.stream()
                .map(invitation -> InvitationView.of(invitation, now, joined.contains(invitation.memberId)))
                .toList();
    }

    @Transactional
    public InvitationView resend(Caller caller, String roomId, String memberId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.BUYERS_MANAGE); // may manage people at all, before whom is looked up
        RoomMember target = access.member(room, memberId);
        access.requireManagerOf(room.me(), target.seller());
        if (target.owner()) {
            throw new ApiException(ProblemCode.CONFLICT, Text.of("detail.owner-needs-no-invitation"));
        }
        // The sender is held first (the new link names them), then resends of one member take turns, so each
        // revokes the link the one before it issued: one link stays open.
        if (!memberLocks.hold(room.roomId(), room.me().id()) || !memberLocks.lockForChange(room.roomId(), target.id())) {
            throw ApiException.notFound();
        }
        String email = (String) em.createNativeQuery("select email from member where id = ?1")
                .setParameter(1, target.id()).getSingleResult();
        refuseIfTooManyMails(email);
        em.createQuery("update Invitation i set i.revokedAt = ?1 where i.memberId = ?2 and i.claimedAt is null"
                + " and i.revokedAt is null")
                .setParameter(1, clock.instant())
                .setParameter(2, target.id())
                .executeUpdate();
        return issue(room, target.id(), email, target.name());
    }

    @Transactional
    public void revoke(Caller caller, String roomId, String invitationId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.BUYERS_MANAGE); // may manage people at all, before whom is looked up
        Invitation invitation = Ids.parse(invitationId)
                .map(id -> em.find(Invitation.class, id, LockModeType.PESSIMISTIC_WRITE))
                .filter(found -> found.roomId.equals(room.roomId()))
                .orElseThrow(() -> new ApiException(ProblemCode.NOT_FOUND, null));
        access.requireManagerOf(room.me(), access.member(room, invitation.memberId.toString()).seller());
        if (invitation.claimedAt != null) {
            throw new ApiException(ProblemCode.INVITATION_USED, Text.of("detail.invitation-used"));
        }
        if (invitation.revokedAt != null) {
            return;
        }
        invitation.revokedAt = clock.instant();
        events.append(room.roomId(), EventType.INVITATION_REVOKED, null, Actor.of(room.me()),
                InvitationView.of(invitation, invitation.revokedAt, hasJoined(room.roomId(), invitation.memberId)));
    }

    /** Uses an invitation: the caller must have signed in with the invited, verified email. */
    @Transactional
    public ClaimView claim(Caller caller, ClaimRequest request) {
        Invitation invitation = em.createQuery("from Invitation i where i.tokenHash = ?1", Invitation.class)
                .setParameter(1, Hashes.sha256Hex(request.token().strip()))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst()
                .orElseThrow(() -> new ApiException(ProblemCode.INVITATION_NOT_FOUND, null));
        Instant now = clock.instant();
        switch (invitation.status(now)) {
            case CLAIMED -> throw new ApiException(ProblemCode.INVITATION_USED, null);
            case REVOKED -> throw new ApiException(ProblemCode.INVITATION_REVOKED, null);
            case EXPIRED -> throw new ApiException(ProblemCode.INVITATION_EXPIRED, null);
            case OPEN -> {
                // usable
            }
        }
        if (!caller.memberEmail().map(invitation.email::equals).orElse(false)) {
            throw new ApiException(ProblemCode.INVITATION_EMAIL_MISMATCH, caller.memberEmail().isEmpty()
                    ? Text.of("problem.email-not-verified")
                    : Text.of("detail.invitation-sign-in-as-invitee"));
        }
        invitation.claimedAt = now;
        invitation.claimedBy = caller.subject();
        em.createNativeQuery("update member set joined_at = ?1 where id = ?2 and joined_at is null")
                .setParameter(1, now).setParameter(2, invitation.memberId).executeUpdate();
        RoomAccess room = access.enterRoom(caller, invitation.roomId.toString());
        events.append(room.roomId(), EventType.INVITATION_CLAIMED, null, Actor.of(room.me()),
                InvitationView.of(invitation, now, true));
        return new ClaimView(invitation.roomId.toString(), invitation.memberId.toString());
    }

    /**
     * Sends a link. Every email is counted against its address's limit, in a log apart from the invitations (they
     * go with their member), under the address's lock: checked again here, so no path can mail past the limit.
     */
    private InvitationView issue(RoomAccess room, UUID memberId, String email, String inviteeName) {
        refuseIfTooManyMails(email);
        RateLimits.Limit limit = limits.invitationMails();
        String address = email.toLowerCase(Locale.ROOT);
        em.createNativeQuery("delete from invitation_mail where email_sha256 = ?1 and sent_at <= ?2")
                .setParameter(1, Hashes.sha256Hex(address)).setParameter(2, limits.periodStart(limit)).executeUpdate();
        em.createNativeQuery("insert into invitation_mail (email_sha256, sent_at) values (?1, ?2)")
                .setParameter(1, Hashes.sha256Hex(address)).setParameter(2, limits.now()).executeUpdate();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Invitation invitation = new Invitation();
        invitation.id = Ids.newId();
        invitation.roomId = room.roomId();
        invitation.memberId = memberId;
        invitation.email = email;
        invitation.tokenHash = Hashes.sha256Hex(token);
        invitation.invitedBy = room.me().id();
        invitation.createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        invitation.expiresAt = invitation.createdAt.plus(config.invitations().ttl());
        em.persist(invitation);
        InvitationView view = InvitationView.of(invitation, invitation.createdAt, hasJoined(room.roomId(), memberId));
        events.append(room.roomId(), EventType.INVITATION_SENT, null, Actor.of(room.me()), view);
        String roomName = (String) em.createNativeQuery("select name from room where id = ?1")
                .setParameter(1, room.roomId()).getSingleResult();
        issued.fire(new InvitationIssued(email, inviteeName, room.me().name(), roomName,
                emails.link("#/join/" + token), invitation.expiresAt));
        return view;
    }

    private boolean hasJoined(UUID roomId, UUID memberId) {
        return joined(roomId, List.of(memberId)).contains(memberId);
    }

    /** The members among these who have joined the room (see the class comment). */
    private Set<UUID> joined(UUID roomId, Collection<UUID> memberIds) {
        if (memberIds.isEmpty()) {
            return Set.of();
        }
        List<?> rows = em.createNativeQuery("select m.id from member m where m.room_id = ?1 and m.id = any(?2) and ("
                + " m.joined_at is not null"
                + " or exists (select 1 from read_marker rm where rm.member_id = m.id)"
                + " or exists (select 1 from room_event e where e.room_id = m.room_id and e.actor_member_id = m.id))")
                .setParameter(1, roomId).setParameter(2, memberIds.stream().distinct().toArray(UUID[]::new))
                .getResultList();
        Set<UUID> joined = new HashSet<>();
        rows.forEach(id -> joined.add((UUID) id));
        return joined;
    }
}
