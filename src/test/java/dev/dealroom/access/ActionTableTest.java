package dev.dealroom.access;

import static dev.dealroom.access.CallerKind.APPROVER;
import static dev.dealroom.access.CallerKind.ASSIGNEE;
import static dev.dealroom.access.CallerKind.AUTHOR;
import static dev.dealroom.access.CallerKind.BUYER;
import static dev.dealroom.access.CallerKind.DECISION_MAKER;
import static dev.dealroom.access.CallerKind.OWNER;
import static dev.dealroom.access.CallerKind.SELLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;

/**
 * The access policy's table of actions, on its own: no container, no HTTP. The expected table is written out here a
 * second time, on purpose — a change to who may do what has to be made in both places, and reviewed as such.
 */
class ActionTableTest {

    private static final Set<CallerKind> STANDINGS = EnumSet.of(OWNER, DECISION_MAKER, SELLER, BUYER);
    private static final Set<CallerKind> EVERY_MEMBER = STANDINGS;
    private static final Set<CallerKind> STEERING = EnumSet.of(OWNER, DECISION_MAKER);

    private static final Map<Action, Set<CallerKind>> EXPECTED = new EnumMap<>(Map.ofEntries(
            Map.entry(Action.ROOM_EDIT, STEERING),
            Map.entry(Action.ROOM_DECIDE, EnumSet.of(OWNER)),
            Map.entry(Action.ROOM_BRAND_BUYER, STEERING),
            Map.entry(Action.ROOM_BRAND_SELLER, EnumSet.of(OWNER)),
            Map.entry(Action.BUYERS_MANAGE, STEERING),
            Map.entry(Action.SELLERS_MANAGE, EnumSet.of(OWNER)),
            Map.entry(Action.MEMBER_ERASE, EnumSet.of(OWNER)),
            Map.entry(Action.MEMBER_ERASE_SELF, EnumSet.of(DECISION_MAKER, SELLER, BUYER)),
            Map.entry(Action.INVITATIONS_VIEW, STEERING),
            Map.entry(Action.GROUP_CREATE, STEERING),
            Map.entry(Action.NUDGE_SEND, STEERING),
            Map.entry(Action.POST_CREATE, EVERY_MEMBER),
            Map.entry(Action.POST_ANNOUNCE, STEERING),
            Map.entry(Action.POST_EDIT, EnumSet.of(AUTHOR)),
            Map.entry(Action.POST_DELETE, EnumSet.of(AUTHOR)),
            Map.entry(Action.TASK_CREATE, EVERY_MEMBER),
            Map.entry(Action.TASK_CHANGE, EnumSet.of(OWNER, DECISION_MAKER, ASSIGNEE)),
            Map.entry(Action.TASK_ORDER, STEERING),
            Map.entry(Action.SIGNOFF_REQUEST, EVERY_MEMBER),
            Map.entry(Action.SIGNOFF_DECIDE, EnumSet.of(APPROVER)),
            Map.entry(Action.SIGNOFF_WITHDRAW, EnumSet.of(AUTHOR)),
            Map.entry(Action.DOCUMENT_UPLOAD, EVERY_MEMBER),
            Map.entry(Action.COMMITTEE_VIEW, STEERING),
            Map.entry(Action.COMMITTEE_EDIT, EnumSet.of(OWNER)),
            Map.entry(Action.ENGAGEMENT_VIEW, STEERING),
            Map.entry(Action.COLLEAGUE_REQUEST, EnumSet.of(BUYER)),
            Map.entry(Action.COLLEAGUE_DECIDE, STEERING),
            Map.entry(Action.COLLEAGUE_WITHDRAW, EnumSet.of(AUTHOR)),
            Map.entry(Action.TEMPLATE_SAVE, EnumSet.of(OWNER, SELLER)),
            Map.entry(Action.WEBHOOK_VIEW, STEERING),
            Map.entry(Action.WEBHOOK_MANAGE, STEERING),
            Map.entry(Action.ROOM_EXPORT, STEERING)));

    private final AccessPolicy policy = new AccessPolicy(null);
    private final UUID room = UUID.randomUUID();
    private final Map<CallerKind, RoomMember> members = Map.of(
            OWNER, new RoomMember(UUID.randomUUID(), room, "Sam Seller", true, false, true),
            DECISION_MAKER, new RoomMember(UUID.randomUUID(), room, "Dana Decider", false, true, false),
            SELLER, new RoomMember(UUID.randomUUID(), room, "Priya Presales", false, false, true),
            BUYER, new RoomMember(UUID.randomUUID(), room, "Ivan IT", false, false, false));

    @Test
    void everyActionIsInTheExpectedTable() {
        assertEquals(EnumSet.allOf(Action.class), EXPECTED.keySet());
    }

    @Test
    void eachStandingMayExactlyWhatTheTableSays() {
        for (Action action : Action.values()) {
            for (CallerKind standing : STANDINGS) {
                RoomMember member = members.get(standing);
                boolean expected = EXPECTED.get(action).contains(standing);
                assertEquals(expected, policy.may(member, action), action + " as " + standing);
                if (expected) {
                    policy.require(member, action);
                } else {
                    ApiException refused = assertThrows(ApiException.class, () -> policy.require(member, action),
                            action + " as " + standing);
                    assertEquals(ProblemCode.FORBIDDEN, refused.code());
                    assertEquals(action.refusal(), refused.detail().key());
                }
            }
        }
    }

    @Test
    void aRelationToTheItemAddsExactlyWhatTheTableSaysAndOnlyWhenItHolds() {
        for (Action action : Action.values()) {
            for (CallerKind relation : List.of(AUTHOR, ASSIGNEE, APPROVER)) {
                for (CallerKind standing : STANDINGS) {
                    RoomMember member = members.get(standing);
                    boolean byStanding = EXPECTED.get(action).contains(standing);
                    assertEquals(byStanding || EXPECTED.get(action).contains(relation),
                            policy.may(member, action, relation, true), action + " as " + standing + " " + relation);
                    assertEquals(byStanding, policy.may(member, action, relation, false),
                            action + " as " + standing + " not " + relation);
                }
            }
        }
    }

    @Test
    void aClosedRoomLeavesItsReopeningToTheOwnerAndWhatOnlyReadsAndRefusesTheRestWithAConflict() {
        for (Map.Entry<CallerKind, RoomMember> entry : members.entrySet()) {
            RoomMember open = entry.getValue();
            RoomMember closed = new RoomMember(open.id(), open.roomId(), open.name(), open.owner(),
                    open.decisionMaker(), open.seller(), Instant.parse("2026-12-01T10:00:00Z"));
            for (Action action : Action.values()) {
                // a person's erasure too: their right to take their data out does not end with the deal
                boolean left = action == Action.ROOM_DECIDE || action.reads() || action == Action.MEMBER_ERASE
                        || action == Action.MEMBER_ERASE_SELF;
                boolean expected = left && EXPECTED.get(action).contains(entry.getKey());
                assertEquals(expected, policy.may(closed, action), action + " as " + entry.getKey() + ", closed");
                for (CallerKind relation : List.of(AUTHOR, ASSIGNEE, APPROVER)) {
                    assertEquals(expected, policy.may(closed, action, relation, true),
                            action + " as " + entry.getKey() + " " + relation + ", closed");
                }
                if (expected) {
                    policy.require(closed, action);
                    continue;
                }
                ApiException refused = assertThrows(ApiException.class, () -> policy.require(closed, action));
                // refused by the table (403) only what the room's closing leaves; the rest because it is closed
                assertEquals(left ? ProblemCode.FORBIDDEN : ProblemCode.ROOM_CLOSED, refused.code(),
                        action + " as " + entry.getKey() + ", closed");
            }
            List<String> mayTake = policy.mayTake(closed);
            assertTrue(mayTake.stream().allMatch(name -> name.equals("room.decide") || name.endsWith(".view")
                    || name.equals("template.save") || name.equals("room.export") || name.startsWith("member.erase")), mayTake.toString());
        }
    }

    @Test
    void aStandingIsNotARelation() {
        assertThrows(IllegalArgumentException.class,
                () -> policy.may(members.get(BUYER), Action.TASK_CHANGE, OWNER, true));
    }

    @Test
    void everyMemberHasExactlyOneStanding() {
        for (Map.Entry<CallerKind, RoomMember> entry : members.entrySet()) {
            assertEquals(entry.getKey(), CallerKind.standing(entry.getValue()));
        }
    }

    @Test
    void anActionSomeoneMayNotTakeSaysWhyInBothLanguagesAndNamesAreUnique() throws IOException {
        Properties english = bundle("en");
        Properties french = bundle("fr");
        Set<String> names = new HashSet<>();
        for (Action action : Action.values()) {
            assertTrue(action.wireName().matches("[a-z]+\\.[a-z_]+"), action + " is named noun.verb");
            assertTrue(names.add(action.wireName()), "duplicate " + action.wireName());
            boolean everyMember = action.allowed().containsAll(EVERY_MEMBER);
            assertEquals(everyMember, action.refusal() == null, action + ": a refusal exactly when someone is refused");
            if (!everyMember) {
                assertTrue(english.containsKey(action.refusal()), action.refusal() + " in English");
                assertTrue(french.containsKey(action.refusal()), action.refusal() + " in French");
            }
        }
    }

    @Test
    void theRuleAsSqlNamesEveryKindItAllowsAndRefusesAMissingRelation() {
        assertEquals("(exists (select 1 from member m where m.id = :member and (m.owner or m.decision_maker and not"
                + " m.owner)) or t.owner_member_id = :member)",
                AccessPolicy.allowedSql(Action.TASK_CHANGE, Map.of(ASSIGNEE, "t.owner_member_id")));
        assertEquals("(p.author_member_id = :member)",
                AccessPolicy.allowedSql(Action.POST_EDIT, Map.of(AUTHOR, "p.author_member_id")));
        assertThrows(IllegalArgumentException.class, () -> AccessPolicy.allowedSql(Action.POST_EDIT, Map.of()));
        // Agreement with may() for every action and kind is checked against PostgreSQL in ActionSqlTest.
    }

    private static Properties bundle(String language) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ActionTableTest.class.getResourceAsStream("/i18n/messages_" + language + ".properties")) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }
}
