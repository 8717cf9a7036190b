package dev.dealroom.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dealroom.common.NamedSql;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The writes that fold the access rule into their own statement ({@link AccessPolicy#allowedSql}) decide as the table
 * does: every action, for a member of every standing, holding the action's relation to the item or not, run by
 * PostgreSQL on the real member rows.
 */
@QuarkusTest
class ActionSqlTest {

    @Inject
    DataSource dataSource;
    @Inject
    AccessPolicy policy;

    @Test
    @TestTransaction
    void theSqlRuleAgreesWithTheTableForEveryActionStandingAndRelation() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        String sellerId = room.addMember(room.owner, Person.random("presales"), "SELLER", false, "proof");
        Map<CallerKind, RoomMember> members = new EnumMap<>(CallerKind.class);
        for (Person person : new Person[] { room.owner, room.decisionMaker, room.groupMember }) {
            RoomMember member = policy.enterRoom(caller(person), room.roomId).me();
            members.put(CallerKind.standing(member), member);
        }
        RoomMember seller = policy.member(policy.enterRoom(caller(room.owner), room.roomId), sellerId);
        members.put(CallerKind.standing(seller), seller);
        assertEquals(4, members.size(), "one member of each standing");

        try (Connection connection = dataSource.getConnection()) {
            for (Action action : Action.values()) {
                Map<CallerKind, String> holders = new EnumMap<>(CallerKind.class);
                action.allowed().stream().filter(CallerKind::toAnItem).forEach(kind -> holders.put(kind, "x.holder"));
                NamedSql rule = NamedSql.of("select " + AccessPolicy.allowedSql(action, holders)
                        + " from (select cast(:holder as uuid) as holder) x");
                for (RoomMember member : members.values()) {
                    for (boolean holds : new boolean[] { true, false }) {
                        boolean expected = holders.isEmpty() ? policy.may(member, action)
                                : holders.keySet().stream().anyMatch(kind -> policy.may(member, action, kind, holds));
                        UUID holder = holds ? member.id() : UUID.randomUUID();
                        assertEquals(expected, evaluate(connection, rule, member.id(), holder),
                                action + " as " + CallerKind.standing(member) + (holds ? " holding " : " not holding ")
                                        + holders.keySet());
                    }
                }
            }
        }
    }

    private static Caller caller(Person person) {
        return new Caller("sub-" + person.email(), Optional.of(person.email().toLowerCase(Locale.ROOT)), person.name());
    }

    private static boolean evaluate(Connection connection, NamedSql rule, UUID member, UUID holder)
            throws SQLException {
        try (PreparedStatement query = rule.prepare(connection, Map.of("member", member, "holder", holder));
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getBoolean(1);
        }
    }
}
