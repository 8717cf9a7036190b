package dev.dealroom.support;

import static org.hamcrest.Matchers.greaterThan;

import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * A fresh room with one person of each kind the permission rules tell apart: the owner, a decision-maker,
 * a buyer in {@code proof}, a buyer outside it (in {@code contracts}), and a stranger with a valid login.
 */
public final class DealRoomFixture {

    public final Person owner = Person.random("seller");
    public final Person decisionMaker = Person.random("dm");
    public final Person groupMember = Person.random("engineer");
    public final Person outsider = Person.random("counsel");
    public final Person stranger = Person.random("stranger");
    public final String roomId;
    public final String decisionMakerId;
    public final String groupMemberId;
    public final String outsiderId;
    public final String proofId;

    public DealRoomFixture() {
        roomId = createRoom(owner, "Fixture room");
        decisionMakerId = addMember(owner, decisionMaker, "BUYER", true, "proof");
        groupMemberId = addMember(owner, groupMember, "BUYER", false, "proof");
        outsiderId = addMember(owner, outsider, "BUYER", false, "contracts");
        proofId = owner.api().get("/api/rooms/{r}/groups/proof", roomId).then().statusCode(200)
                .extract().path("id");
    }

    /** Opens a room as {@code owner} and answers its id. */
    public static String createRoom(Person owner, String name) {
        return owner.api()
                .body(Map.of("name", name, "prospectAccount", "Northwind", "targetDecisionDate", "2027-03-31"))
                .post("/api/rooms")
                .then().statusCode(201)
                .extract().path("room.id");
    }

    /** Adds {@code person} to the room as {@code by} and answers the new member's id. */
    public String addMember(Person by, Person person, String side, boolean decisionMaker, String... groups) {
        return by.api()
                .body(Map.of("email", person.email(), "name", person.name(), "side", side,
                        "decisionMaker", decisionMaker, "groups", List.of(groups)))
                .post("/api/rooms/{r}/members", roomId)
                .then().statusCode(201)
                .extract().path("id");
    }

    /** The room's newest seq, as its owner sees it. */
    public long seq() {
        return owner.api().get("/api/rooms/{r}", roomId).then().statusCode(200).extract().<Number>path("seq")
                .longValue();
    }

    /** A request without any credentials. */
    public static RequestSpecification anonymous() {
        return RestAssured.given().contentType(ContentType.JSON);
    }

    /** The group keys a person sees in the room, in display order. */
    public List<String> groupKeysSeenBy(Person person) {
        return person.api().get("/api/rooms/{r}/groups", roomId).then().statusCode(200)
                .body("size()", greaterThan(0))
                .extract().path("key");
    }
}
