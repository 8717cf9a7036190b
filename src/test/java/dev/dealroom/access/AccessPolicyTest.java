package dev.dealroom.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventEnvelope;
import dev.dealroom.event.EventType;

/** The access rules on their own, over an in-memory membership: no container, no database. */
class AccessPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UUID roomId = UUID.randomUUID();
    private final UUID proof = UUID.randomUUID();
    private final UUID contracts = UUID.randomUUID();
    private final InMemoryMembership membership = new InMemoryMembership();
    private final AccessPolicy policy = new AccessPolicy(membership);

    private final RoomMember owner = membership.member("owner@example.test", true, false, proof, contracts);
    private final RoomMember buyer = membership.member("buyer@example.test", false, false, proof);
    private final RoomMember decisionMaker = membership.member("dm@example.test", false, true);

    @Test
    void aMemberEntersTheirRoomWithTheirGroups() {
        RoomAccess access = policy.enterRoom(caller("buyer@example.test"), roomId.toString());
        assertEquals(buyer, access.me());
        assertEquals(Set.of(proof), access.groupIds());
    }

    @Test
    void anyoneElseGetsNotFound() {
        assertNotFound(() -> policy.enterRoom(caller("stranger@example.test"), roomId.toString()));
        assertNotFound(() -> policy.enterRoom(caller("buyer@example.test"), UUID.randomUUID().toString()));
        assertNotFound(() -> policy.enterRoom(caller("buyer@example.test"), "not-a-uuid"));
        assertNotFound(() -> policy.enterRoom(new Caller("s", Optional.empty(), "Unverified"), roomId.toString()));
    }

    @Test
    void groupsAreEnteredByIdOrKeyOnlyByTheirMembers() {
        RoomAccess buyerAccess = policy.enterRoom(caller("buyer@example.test"), roomId.toString());
        assertEquals(proof, policy.enterGroup(buyerAccess, proof.toString()));
        assertEquals(proof, policy.enterGroup(buyerAccess, "proof"));
        assertNotFound(() -> policy.enterGroup(buyerAccess, "contracts"));
        assertNotFound(() -> policy.enterGroup(buyerAccess, contracts.toString()));
        assertNotFound(() -> policy.enterGroup(buyerAccess, "no-such-group"));
    }

    @Test
    void theOwnerHasNoBypass() {
        membership.leave(owner, contracts);
        RoomAccess ownerAccess = policy.enterRoom(caller("owner@example.test"), roomId.toString());
        assertNotFound(() -> policy.enterGroup(ownerAccess, "contracts"));
    }

    @Test
    void membersAreFoundOnlyInTheSameRoom() {
        RoomAccess access = policy.enterRoom(caller("buyer@example.test"), roomId.toString());
        assertEquals(decisionMaker, policy.member(access, decisionMaker.id().toString()));
        assertNotFound(() -> policy.member(access, UUID.randomUUID().toString()));
        assertNotFound(() -> policy.member(access, "42"));
    }

    @Test
    void groupEventsReachOnlyTheGroupsMembersAndRoomEventsEveryone() {
        RoomAccess buyerAccess = policy.enterRoom(caller("buyer@example.test"), roomId.toString());
        assertTrue(policy.visibleEvent(buyerAccess, event("room.updated", null, "{}")).isPresent());
        assertTrue(policy.visibleEvent(buyerAccess, event("group.member_added", proof, "{}")).isPresent());
        assertTrue(policy.visibleEvent(buyerAccess, event("group.member_added", contracts, "{}")).isEmpty());
        EventEnvelope elsewhere = new EventEnvelope(1, "room.updated", UUID.randomUUID(), null,
                new Actor(null, "x"), Instant.now(), JSON.createObjectNode());
        assertTrue(policy.visibleEvent(buyerAccess, elsewhere).isEmpty(), "another room's events never pass");
    }

    @Test
    void theMemberTakenOutOfAGroupIsToldButNobodyElseOutsideIt() {
        RoomAccess buyerAccess = policy.enterRoom(caller("buyer@example.test"), roomId.toString());
        String aboutBuyer = "{\"groupId\": \"" + contracts + "\", \"memberId\": \"" + buyer.id() + "\"}";
        String aboutOwner = "{\"groupId\": \"" + contracts + "\", \"memberId\": \"" + owner.id() + "\"}";
        assertTrue(policy.visibleEvent(buyerAccess, event("group.member_removed", contracts, aboutBuyer)).isPresent());
        assertTrue(policy.visibleEvent(buyerAccess, event("group.member_removed", contracts, aboutOwner)).isEmpty());
    }

    @Test
    void memberAddedShowsOnlyTheRecipientsGroups() {
        RoomAccess buyerAccess = policy.enterRoom(caller("buyer@example.test"), roomId.toString());
        String data = "{\"id\": \"m\", \"groupIds\": [\"" + proof + "\", \"" + contracts + "\"]}";
        EventEnvelope narrowed = policy.visibleEvent(buyerAccess, event("member.added", null, data)).orElseThrow();
        assertEquals("[\"" + proof + "\"]", narrowed.data().get("groupIds").toString());
        assertEquals("m", narrowed.data().get("id").asText());
    }

    /**
     * The audience decided once per event agrees with {@link AccessPolicy#visibleEvent} for every event type, group
     * or room level, and for a member inside the group, outside it, the actor and a manager: where it is not
     * {@code EACH}, exactly the members it names receive the very same event.
     */
    @Test
    void theAudienceOfAnEventAgreesWithWhatEachMemberMaySee() {
        List<RoomAccess> recipients = List.of(
                policy.enterRoom(caller("buyer@example.test"), roomId.toString()),
                policy.enterRoom(caller("owner@example.test"), roomId.toString()),
                policy.enterRoom(caller("dm@example.test"), roomId.toString()));
        String data = "{\"memberId\": \"" + buyer.id() + "\", \"groupIds\": [\"" + contracts + "\"]}";
        int shortcuts = 0;
        for (EventType type : EventType.values()) {
            for (UUID group : new UUID[] { null, proof, contracts }) {
                EventEnvelope event = event(type.wireName(), group, data);
                AccessPolicy.Audience audience = policy.audience(event.type(), event.groupId());
                if (audience == AccessPolicy.Audience.EACH) {
                    continue;
                }
                shortcuts++;
                for (RoomAccess recipient : recipients) {
                    Optional<EventEnvelope> visible = policy.visibleEvent(recipient, event);
                    String what = type + " in " + group + " for " + recipient.me().name();
                    assertEquals(visible.isPresent(), policy.receives(recipient, event.roomId(), event.groupId(), audience), what);
                    visible.ifPresent(copy -> assertSame(event, copy, what + " is the event itself"));
                }
            }
        }
        assertTrue(shortcuts > 20, "most events are decided once, not per recipient");
        assertEquals(AccessPolicy.Audience.EACH, policy.audience("nudge.sent", null));
        assertEquals(AccessPolicy.Audience.EACH, policy.audience("group.member_removed", proof));
        assertEquals(AccessPolicy.Audience.EACH, policy.audience("member.added", null));
        assertEquals(AccessPolicy.Audience.GROUP, policy.audience("post.created", proof));
        assertEquals(AccessPolicy.Audience.ROOM, policy.audience("room.updated", null));
    }

    private EventEnvelope event(String type, UUID groupId, String data) {
        try {
            return new EventEnvelope(1, type, roomId, groupId, new Actor(owner.id(), "Owner"), Instant.now(),
                    JSON.readTree(data));
        } catch (Exception e) {
            throw new IllegalArgumentException(data, e);
        }
    }

    private static Caller caller(String email) {
        return new Caller("sub-" + email, Optional.of(email), email);
    }

    private static void assertNotFound(Runnable call) {
        ApiException refused = assertThrows(ApiException.class, call::run);
        assertEquals(ProblemCode.NOT_FOUND, refused.code());
    }

    private final class InMemoryMembership implements MembershipLookup {
        private final Map<String, RoomMember> byEmail = new HashMap<>();
        private final Map<UUID, Set<UUID>> groupsOf = new HashMap<>();

        RoomMember member(String email, boolean isOwner, boolean isDecisionMaker, UUID... groups) {
            RoomMember member = new RoomMember(UUID.randomUUID(), roomId, email, isOwner, isDecisionMaker, isOwner);
            byEmail.put(email, member);
            groupsOf.put(member.id(), new HashSet<>(Set.of(groups)));
            return member;
        }

        void leave(RoomMember member, UUID group) {
            groupsOf.get(member.id()).remove(group);
        }

        @Override
        public Optional<RoomMember> memberByEmail(UUID room, String email) {
            return Optional.ofNullable(byEmail.get(email)).filter(member -> member.roomId().equals(room));
        }

        @Override
        public Optional<RoomMember> memberById(UUID room, UUID memberId) {
            return byEmail.values().stream()
                    .filter(member -> member.id().equals(memberId) && member.roomId().equals(room)).findFirst();
        }

        @Override
        public Set<UUID> groupIdsOf(UUID memberId) {
            return groupsOf.getOrDefault(memberId, Set.of());
        }

        @Override
        public Optional<UUID> groupId(UUID room, String idOrKey) {
            if (!room.equals(roomId)) {
                return Optional.empty();
            }
            return switch (idOrKey) {
                case "proof" -> Optional.of(proof);
                case "contracts" -> Optional.of(contracts);
                default -> Optional.of(idOrKey)
                        .filter(ref -> ref.equals(proof.toString()) || ref.equals(contracts.toString()))
                        .map(UUID::fromString);
            };
        }
    }
}
