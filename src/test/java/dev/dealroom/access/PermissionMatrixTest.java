package dev.dealroom.access;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.dealroom.support.ApiContract;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every endpoint x every kind of caller -> the status they get. The group under test is {@code proof}: the
 * group member and the decision-maker are in it, the outsider is a room member who is not. Each row runs on a
 * fresh room. Add a row with every new endpoint.
 */
@QuarkusTest
class PermissionMatrixTest {

    enum Caller { ANONYMOUS, STRANGER, OUTSIDER, GROUP_MEMBER, OWNER, DECISION_MAKER }

    enum Endpoint {
        CREATE_ROOM("POST /api/rooms", (f, r) -> r.body(newRoom()).post("/api/rooms")),
        LIST_ROOMS("GET /api/rooms", (f, r) -> r.get("/api/rooms")),
        GET_ROOM("GET /api/rooms/{roomId}", (f, r) -> r.get("/api/rooms/{r}", f.roomId)),
        UPDATE_ROOM("PATCH /api/rooms/{roomId}", (f, r) -> r.body(Map.of("stage", "PROPOSAL")).patch("/api/rooms/{r}", f.roomId)),
        LIST_MEMBERS("GET /api/rooms/{roomId}/members", (f, r) -> r.get("/api/rooms/{r}/members", f.roomId)),
        ADD_MEMBER("POST /api/rooms/{roomId}/members", (f, r) -> r.body(newMember()).post("/api/rooms/{r}/members", f.roomId)),
        REMOVE_MEMBER("DELETE /api/rooms/{roomId}/members/{memberId}", (f, r) -> r.delete("/api/rooms/{r}/members/{m}", f.roomId, extraMember(f))),
        // The seller's side is the owner's: a buyer's decision-maker manages buyer-side people only.
        // Erasure: the owner erases others; every member but the owner erases themself (the owner: 409).
        ERASE_MEMBER("POST /api/rooms/{roomId}/members/{memberId}/erasure", (f, r) -> r.body(Map.of("confirm", true))
                .post("/api/rooms/{r}/members/{m}/erasure", f.roomId, extraMember(f))),
        ERASE_ME("POST /api/rooms/{roomId}/members/me/erasure", (f, r) -> r.body(Map.of("confirm", true))
                .post("/api/rooms/{r}/members/me/erasure", f.roomId)),
        ADD_SELLER_MEMBER("POST /api/rooms/{roomId}/members", (f, r) -> r.body(newSeller()).post("/api/rooms/{r}/members", f.roomId)),
        REMOVE_SELLER_MEMBER("DELETE /api/rooms/{roomId}/members/{memberId}", (f, r) -> r.delete("/api/rooms/{r}/members/{m}", f.roomId,
                sellerMember(f))),
        DECLARE_ROOM_WON("PATCH /api/rooms/{roomId}", (f, r) -> r.body(Map.of("status", "WON", "closeReason", "Signed")).patch("/api/rooms/{r}", f.roomId)),
        // The room's face: the buyer's logo is the managers', the seller's name and logo the owner's.
        NAME_THE_SELLER("PATCH /api/rooms/{roomId}", (f, r) -> r.body(Map.of("sellerName", "Acme")).patch("/api/rooms/{r}", f.roomId)),
        SET_BUYER_LOGO("PUT /api/rooms/{roomId}/logos/{side}", (f, r) -> logo(r).put("/api/rooms/{r}/logos/buyer", f.roomId)),
        SET_SELLER_LOGO("PUT /api/rooms/{roomId}/logos/{side}", (f, r) -> logo(r).put("/api/rooms/{r}/logos/seller", f.roomId)),
        GET_LOGO("GET /api/rooms/{roomId}/logos/{side}", (f, r) -> r.get("/api/rooms/{r}/logos/buyer", withLogo(f))),
        REMOVE_LOGO("DELETE /api/rooms/{roomId}/logos/{side}", (f, r) -> r.delete("/api/rooms/{r}/logos/buyer", withLogo(f))),
        LIST_GROUPS("GET /api/rooms/{roomId}/groups", (f, r) -> r.get("/api/rooms/{r}/groups", f.roomId)),
        CREATE_GROUP("POST /api/rooms/{roomId}/groups", (f, r) -> r.body(Map.of("name", "Security review")).post("/api/rooms/{r}/groups", f.roomId)),
        CREATE_GROUP_WITH_SELLER("POST /api/rooms/{roomId}/groups", (f, r) -> r.body(Map.of("name", "Security review",
                "memberIds", List.of(sellerMember(f)))).post("/api/rooms/{r}/groups", f.roomId)),
        GET_GROUP_BY_KEY("GET /api/rooms/{roomId}/groups/{groupId}", (f, r) -> r.get("/api/rooms/{r}/groups/proof", f.roomId)),
        GET_GROUP_BY_ID("GET /api/rooms/{roomId}/groups/{groupId}", (f, r) -> r.get("/api/rooms/{r}/groups/{g}", f.roomId, f.proofId)),
        ADD_GROUP_MEMBER("PUT /api/rooms/{roomId}/groups/{groupId}/members/{memberId}", (f, r) -> r.put("/api/rooms/{r}/groups/proof/members/{m}", f.roomId, f.outsiderId)),
        REMOVE_GROUP_MEMBER("DELETE /api/rooms/{roomId}/groups/{groupId}/members/{memberId}", (f, r) -> r.delete("/api/rooms/{r}/groups/proof/members/{m}", f.roomId,
                f.groupMemberId)),
        ADD_SELLER_TO_GROUP("PUT /api/rooms/{roomId}/groups/{groupId}/members/{memberId}", (f, r) -> r.put("/api/rooms/{r}/groups/proof/members/{m}", f.roomId,
                sellerMember(f))),
        REMOVE_SELLER_FROM_GROUP("DELETE /api/rooms/{roomId}/groups/{groupId}/members/{memberId}", (f, r) -> r.delete("/api/rooms/{r}/groups/proof/members/{m}",
                f.roomId, sellerMember(f))),
        LIST_EVENTS("GET /api/rooms/{roomId}/events", (f, r) -> r.get("/api/rooms/{r}/events?since=0", f.roomId)),
        ISSUE_LIVE_TICKET("POST /api/rooms/{roomId}/live-tickets",
                (f, r) -> r.post("/api/rooms/{r}/live-tickets", f.roomId)),
        LIST_POSTS("GET /api/rooms/{roomId}/groups/{groupId}/posts", (f, r) -> r.get("/api/rooms/{r}/groups/proof/posts", f.roomId)),
        CREATE_POST("POST /api/rooms/{roomId}/groups/{groupId}/posts", (f, r) -> r.body(Map.of("body", "Hello"))
                .post("/api/rooms/{r}/groups/proof/posts", f.roomId)),
        ANNOUNCE("POST /api/rooms/{roomId}/groups/{groupId}/posts", (f, r) -> r.body(Map.of("body", "Pilot starts Monday",
                "announcement", true)).post("/api/rooms/{r}/groups/proof/posts", f.roomId)),
        GET_POST("GET /api/rooms/{roomId}/groups/{groupId}/posts/{postId}", (f, r) -> r.get("/api/rooms/{r}/groups/proof/posts/{p}", f.roomId,
                GroupContent.post(f))),
        EDIT_POST("PATCH /api/rooms/{roomId}/groups/{groupId}/posts/{postId}", (f, r) -> r.body(Map.of("body", "Edited"))
                .patch("/api/rooms/{r}/groups/proof/posts/{p}", f.roomId, GroupContent.post(f))),
        DELETE_POST("DELETE /api/rooms/{roomId}/groups/{groupId}/posts/{postId}", (f, r) -> r.delete("/api/rooms/{r}/groups/proof/posts/{p}",
                f.roomId, GroupContent.post(f))),
        PLAN("GET /api/rooms/{roomId}/plan", (f, r) -> r.get("/api/rooms/{r}/plan", f.roomId)),
        LIST_TASKS("GET /api/rooms/{roomId}/groups/{groupId}/tasks", (f, r) -> r.get("/api/rooms/{r}/groups/proof/tasks", f.roomId)),
        CREATE_TASK("POST /api/rooms/{roomId}/groups/{groupId}/tasks", (f, r) -> r.body(Map.of("title", "Run the pilot"))
                .post("/api/rooms/{r}/groups/proof/tasks", f.roomId)),
        GET_TASK("GET /api/rooms/{roomId}/groups/{groupId}/tasks/{taskId}", (f, r) -> r.get("/api/rooms/{r}/groups/proof/tasks/{t}", f.roomId,
                GroupContent.task(f))),
        UPDATE_TASK("PATCH /api/rooms/{roomId}/groups/{groupId}/tasks/{taskId}", (f, r) -> r.body(Map.of("status", "IN_PROGRESS"))
                .patch("/api/rooms/{r}/groups/proof/tasks/{t}", f.roomId, GroupContent.task(f))),
        ORDER_TASKS("PUT /api/rooms/{roomId}/groups/{groupId}/tasks/order", (f, r) -> r.body(Map.of("taskIds",
                List.of(GroupContent.task(f)))).put("/api/rooms/{r}/groups/proof/tasks/order", f.roomId)),
        LIST_SIGNOFFS("GET /api/rooms/{roomId}/groups/{groupId}/signoffs", (f, r) -> r.get("/api/rooms/{r}/groups/proof/signoffs", f.roomId)),
        REQUEST_SIGNOFF("POST /api/rooms/{roomId}/groups/{groupId}/signoffs", (f, r) -> r.body(Map.of("title", "Proof accepted",
                "approverIds", List.of(f.groupMemberId))).post("/api/rooms/{r}/groups/proof/signoffs", f.roomId)),
        GET_SIGNOFF("GET /api/rooms/{roomId}/groups/{groupId}/signoffs/{signoffId}", (f, r) -> r.get("/api/rooms/{r}/groups/proof/signoffs/{s}",
                f.roomId, GroupContent.signoff(f))),
        DECIDE_SIGNOFF("POST /api/rooms/{roomId}/groups/{groupId}/signoffs/{signoffId}/decision", (f, r) -> r.body(Map.of("decision", "APPROVED"))
                .post("/api/rooms/{r}/groups/proof/signoffs/{s}/decision", f.roomId, GroupContent.signoff(f))),
        WITHDRAW_SIGNOFF("POST /api/rooms/{roomId}/groups/{groupId}/signoffs/{signoffId}/withdraw", (f, r) -> r
                .post("/api/rooms/{r}/groups/proof/signoffs/{s}/withdraw", f.roomId, GroupContent.signoff(f))),
        LIST_DOCUMENTS("GET /api/rooms/{roomId}/groups/{groupId}/documents", (f, r) -> r.get("/api/rooms/{r}/groups/proof/documents", f.roomId)),
        UPLOAD_DOCUMENT("POST /api/rooms/{roomId}/groups/{groupId}/documents", (f, r) -> r.contentType("multipart/form-data")
                .multiPart("file", "notes.txt", "pilot notes".getBytes(), "text/plain")
                .post("/api/rooms/{r}/groups/proof/documents", f.roomId)),
        GET_DOCUMENT("GET /api/rooms/{roomId}/groups/{groupId}/documents/{documentId}", (f, r) -> r
                .get("/api/rooms/{r}/groups/proof/documents/{d}", f.roomId, GroupContent.document(f))),
        DOWNLOAD_DOCUMENT("GET /api/rooms/{roomId}/groups/{groupId}/documents/{documentId}/content", (f, r) -> r
                .get("/api/rooms/{r}/groups/proof/documents/{d}/content", f.roomId, GroupContent.document(f))),
        PROGRESS("GET /api/rooms/{roomId}/progress", (f, r) -> r.get("/api/rooms/{r}/progress", f.roomId)),
        PIPELINE("GET /api/pipeline", (f, r) -> r.get("/api/pipeline")),
        ME("GET /api/me", (f, r) -> r.get("/api/me")),
        CHOOSE_LANGUAGE("PUT /api/me/language", (f, r) -> r.body(Map.of("language", "en")).put("/api/me/language")),
        AGENDA("GET /api/me/agenda", (f, r) -> r.get("/api/me/agenda")),
        MARK_READ("PUT /api/rooms/{roomId}/groups/{groupId}/read", (f, r) -> r.body(Map.of("seq", 1))
                .put("/api/rooms/{r}/groups/proof/read", f.roomId)),
        VISIT("POST /api/rooms/{roomId}/visits", (f, r) -> r.post("/api/rooms/{r}/visits", f.roomId)),
        UNREAD("GET /api/rooms/{roomId}/unread", (f, r) -> r.get("/api/rooms/{r}/unread", f.roomId)),
        KEY_UPDATES("GET /api/rooms/{roomId}/key-updates", (f, r) -> r.get("/api/rooms/{r}/key-updates", f.roomId)),
        NUDGE("POST /api/rooms/{roomId}/members/{memberId}/nudges", (f, r) -> r.body(Map.of("topic", "OVERDUE_TASKS"))
                .post("/api/rooms/{r}/members/{m}/nudges", f.roomId, f.groupMemberId)),
        LIST_INVITATIONS("GET /api/rooms/{roomId}/invitations", (f, r) -> r.get("/api/rooms/{r}/invitations", f.roomId)),
        RESEND_INVITATION("POST /api/rooms/{roomId}/members/{memberId}/invitations", (f, r) -> r
                .post("/api/rooms/{r}/members/{m}/invitations", f.roomId, f.groupMemberId)),
        REVOKE_INVITATION("DELETE /api/rooms/{roomId}/invitations/{invitationId}", (f, r) -> r
                .delete("/api/rooms/{r}/invitations/{i}", f.roomId, invitationOf(f, f.groupMemberId))),
        RESEND_SELLER_INVITATION("POST /api/rooms/{roomId}/members/{memberId}/invitations", (f, r) -> r
                .post("/api/rooms/{r}/members/{m}/invitations", f.roomId, sellerMember(f))),
        REVOKE_SELLER_INVITATION("DELETE /api/rooms/{roomId}/invitations/{invitationId}", (f, r) -> r
                .delete("/api/rooms/{r}/invitations/{i}", f.roomId, invitationOf(f, sellerMember(f)))),
        // No caller holds this link's token, so every signed-in caller learns only that it is not valid.
        CLAIM_INVITATION("POST /api/invitations/claim", (f, r) -> r.body(Map.of("token", "no-such-invitation"))
                .post("/api/invitations/claim")),
        NOTIFICATION_SETTINGS("GET /api/rooms/{roomId}/notifications", (f, r) -> r
                .get("/api/rooms/{r}/notifications", f.roomId)),
        CHANGE_NOTIFICATION_SETTINGS("PUT /api/rooms/{roomId}/notifications", (f, r) -> r
                .body(Map.of("mentions", true, "nudges", false, "signoffRequests", true, "digest", false))
                .put("/api/rooms/{r}/notifications", f.roomId)),
        // The buying committee: sealed to the steering group, set by the owner alone.
        COMMITTEE("GET /api/rooms/{roomId}/committee", (f, r) -> r.get("/api/rooms/{r}/committee", f.roomId)),
        SET_COMMITTEE_SEAT("PUT /api/rooms/{roomId}/committee/{memberId}", (f, r) -> r
                .body(Map.of("roles", List.of("CHAMPION"), "attitude", "SUPPORTER"))
                .put("/api/rooms/{r}/committee/{m}", f.roomId, f.groupMemberId)),
        // Engagement signals: sealed to the steering group too.
        ENGAGEMENT("GET /api/rooms/{roomId}/engagement", (f, r) -> r.get("/api/rooms/{r}/engagement", f.roomId)),
        // Colleague requests: buyers ask, managers decide; the by-id rows act on one the proof buyer asked.
        LIST_COLLEAGUE_REQUESTS("GET /api/rooms/{roomId}/colleague-requests", (f, r) -> r
                .get("/api/rooms/{r}/colleague-requests", f.roomId)),
        REQUEST_COLLEAGUE("POST /api/rooms/{roomId}/colleague-requests", (f, r) -> r.body(newColleague())
                .post("/api/rooms/{r}/colleague-requests", f.roomId)),
        DECIDE_COLLEAGUE_REQUEST("POST /api/rooms/{roomId}/colleague-requests/{requestId}/decision", (f, r) -> r
                .body(Map.of("decision", "APPROVED"))
                .post("/api/rooms/{r}/colleague-requests/{q}/decision", f.roomId, colleagueRequest(f))),
        WITHDRAW_COLLEAGUE_REQUEST("POST /api/rooms/{roomId}/colleague-requests/{requestId}/withdraw", (f, r) -> r
                .post("/api/rooms/{r}/colleague-requests/{q}/withdraw", f.roomId, colleagueRequest(f))),
        // Templates: saved by the seller's side; the by-id rows act on the owner's own, unshared template.
        SAVE_TEMPLATE("POST /api/rooms/{roomId}/templates", (f, r) -> r.body(Map.of("name", "Our way"))
                .post("/api/rooms/{r}/templates", f.roomId)),
        CREATE_ROOM_FROM_TEMPLATE("POST /api/rooms", (f, r) -> r.body(withTemplate()).post("/api/rooms")),
        LIST_TEMPLATES("GET /api/templates", (f, r) -> r.get("/api/templates")),
        GET_BUILT_IN_TEMPLATE("GET /api/templates/{templateId}", (f, r) -> r
                .get("/api/templates/complex-b2b-evaluation")),
        GET_TEMPLATE("GET /api/templates/{templateId}", (f, r) -> r.get("/api/templates/{t}", template(f))),
        UPDATE_TEMPLATE("PATCH /api/templates/{templateId}", (f, r) -> r.body(Map.of("name", "Renamed"))
                .patch("/api/templates/{t}", template(f))),
        DELETE_TEMPLATE("DELETE /api/templates/{templateId}", (f, r) -> r.delete("/api/templates/{t}", template(f))),
        // Calendar: my own feed, whatever my rooms; the feed's address is its only credential, whoever brings it.
        MY_CALENDAR("GET /api/me/calendar", (f, r) -> r.get("/api/me/calendar")),
        MAKE_CALENDAR("PUT /api/me/calendar", (f, r) -> r.put("/api/me/calendar")),
        REVOKE_CALENDAR("DELETE /api/me/calendar", (f, r) -> r.delete("/api/me/calendar")),
        CALENDAR_FEED("GET /api/calendar/{secret}.ics", (f, r) -> r.get(calendarOf(f.groupMember))),
        UNKNOWN_CALENDAR_FEED("GET /api/calendar/{secret}.ics", (f, r) -> r.get("/api/calendar/{s}.ics",
                "A".repeat(43))),
        // Webhooks: the room's managers'; the by-id rows act on one the owner made, with one delivery
        LIST_WEBHOOKS("GET /api/rooms/{roomId}/webhooks", (f, r) -> r.get("/api/rooms/{r}/webhooks", f.roomId)),
        CREATE_WEBHOOK("POST /api/rooms/{roomId}/webhooks", (f, r) -> r.body(newWebhook())
                .post("/api/rooms/{r}/webhooks", f.roomId)),
        GET_WEBHOOK("GET /api/rooms/{roomId}/webhooks/{webhookId}", (f, r) -> r
                .get("/api/rooms/{r}/webhooks/{w}", f.roomId, webhook(f))),
        UPDATE_WEBHOOK("PATCH /api/rooms/{roomId}/webhooks/{webhookId}", (f, r) -> r.body(Map.of("enabled", false))
                .patch("/api/rooms/{r}/webhooks/{w}", f.roomId, webhook(f))),
        DELETE_WEBHOOK("DELETE /api/rooms/{roomId}/webhooks/{webhookId}", (f, r) -> r
                .delete("/api/rooms/{r}/webhooks/{w}", f.roomId, webhook(f))),
        LIST_WEBHOOK_DELIVERIES("GET /api/rooms/{roomId}/webhooks/{webhookId}/deliveries", (f, r) -> r
                .get("/api/rooms/{r}/webhooks/{w}/deliveries", f.roomId, webhook(f))),
        REDELIVER_WEBHOOK("POST /api/rooms/{roomId}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver", (f, r) -> {
            String webhook = webhook(f);
            return r.post("/api/rooms/{r}/webhooks/{w}/deliveries/{d}/redeliver", f.roomId, webhook,
                    delivery(f, webhook));
        }),
        // Export: the whole room is the managers'; everyone's own data is theirs.
        EXPORT_ROOM("GET /api/rooms/{roomId}/export", (f, r) -> r.get("/api/rooms/{r}/export", f.roomId)),
        EXPORT_MY_DATA("GET /api/me/export", (f, r) -> r.get("/api/me/export"));

        /** The operation as the OpenAPI document names it. */
        final String route;
        final BiFunction<DealRoomFixture, RequestSpecification, Response> call;

        Endpoint(String route, BiFunction<DealRoomFixture, RequestSpecification, Response> call) {
            this.route = route;
            this.call = call;
        }
    }

    /** Columns in the order of {@link Caller}. */
    private static final Object[][] MATRIX = {
            //                                  anon stranger outsider member owner  dm
            { Endpoint.CREATE_ROOM,             401, 201,     201,     201,   201,   201 },
            { Endpoint.LIST_ROOMS,              401, 200,     200,     200,   200,   200 },
            { Endpoint.GET_ROOM,                401, 404,     200,     200,   200,   200 },
            { Endpoint.UPDATE_ROOM,             401, 404,     403,     403,   200,   200 },
            { Endpoint.LIST_MEMBERS,            401, 404,     200,     200,   200,   200 },
            { Endpoint.ADD_MEMBER,              401, 404,     403,     403,   201,   201 },
            { Endpoint.REMOVE_MEMBER,           401, 404,     403,     403,   204,   204 },
            { Endpoint.ERASE_MEMBER,            401, 404,     403,     403,   200,   403 },
            { Endpoint.ERASE_ME,                401, 404,     200,     200,   409,   200 },
            { Endpoint.ADD_SELLER_MEMBER,       401, 404,     403,     403,   201,   403 },
            { Endpoint.REMOVE_SELLER_MEMBER,    401, 404,     403,     403,   204,   403 },
            { Endpoint.DECLARE_ROOM_WON,        401, 404,     403,     403,   200,   403 },
            { Endpoint.NAME_THE_SELLER,         401, 404,     403,     403,   200,   403 },
            { Endpoint.SET_BUYER_LOGO,          401, 404,     403,     403,   200,   200 },
            { Endpoint.SET_SELLER_LOGO,         401, 404,     403,     403,   200,   403 },
            { Endpoint.GET_LOGO,                401, 404,     200,     200,   200,   200 },
            { Endpoint.REMOVE_LOGO,             401, 404,     403,     403,   200,   200 },
            { Endpoint.LIST_GROUPS,             401, 404,     200,     200,   200,   200 },
            { Endpoint.CREATE_GROUP,            401, 404,     403,     403,   201,   201 },
            { Endpoint.CREATE_GROUP_WITH_SELLER, 401, 404,    403,     403,   201,   403 },
            { Endpoint.GET_GROUP_BY_KEY,        401, 404,     404,     200,   200,   200 },
            { Endpoint.GET_GROUP_BY_ID,         401, 404,     404,     200,   200,   200 },
            { Endpoint.ADD_GROUP_MEMBER,        401, 404,     404,     403,   200,   200 },
            { Endpoint.REMOVE_GROUP_MEMBER,     401, 404,     404,     403,   204,   204 },
            { Endpoint.ADD_SELLER_TO_GROUP,     401, 404,     404,     403,   200,   403 },
            { Endpoint.REMOVE_SELLER_FROM_GROUP, 401, 404,    404,     403,   204,   403 },
            { Endpoint.LIST_EVENTS,             401, 404,     200,     200,   200,   200 },
            { Endpoint.ISSUE_LIVE_TICKET,       401, 404,     201,     201,   201,   201 },
            // Group content, in proof; GroupContent says who made each item the by-id rows act on.
            { Endpoint.LIST_POSTS,              401, 404,     404,     200,   200,   200 },
            { Endpoint.CREATE_POST,             401, 404,     404,     201,   201,   201 },
            { Endpoint.ANNOUNCE,                401, 404,     404,     403,   201,   201 },
            { Endpoint.GET_POST,                401, 404,     404,     200,   200,   200 },
            { Endpoint.EDIT_POST,               401, 404,     404,     200,   403,   403 },
            { Endpoint.DELETE_POST,             401, 404,     404,     204,   403,   403 },
            { Endpoint.PLAN,                    401, 404,     200,     200,   200,   200 },
            { Endpoint.LIST_TASKS,              401, 404,     404,     200,   200,   200 },
            { Endpoint.CREATE_TASK,             401, 404,     404,     201,   201,   201 },
            { Endpoint.GET_TASK,                401, 404,     404,     200,   200,   200 },
            { Endpoint.UPDATE_TASK,             401, 404,     404,     403,   200,   200 },
            { Endpoint.ORDER_TASKS,             401, 404,     404,     403,   200,   200 },
            { Endpoint.LIST_SIGNOFFS,           401, 404,     404,     200,   200,   200 },
            { Endpoint.REQUEST_SIGNOFF,         401, 404,     404,     201,   201,   201 },
            { Endpoint.GET_SIGNOFF,             401, 404,     404,     200,   200,   200 },
            { Endpoint.DECIDE_SIGNOFF,          401, 404,     404,     200,   403,   403 },
            { Endpoint.WITHDRAW_SIGNOFF,        401, 404,     404,     403,   200,   403 },
            { Endpoint.LIST_DOCUMENTS,          401, 404,     404,     200,   200,   200 },
            { Endpoint.UPLOAD_DOCUMENT,         401, 404,     404,     201,   201,   201 },
            { Endpoint.GET_DOCUMENT,            401, 404,     404,     200,   200,   200 },
            { Endpoint.DOWNLOAD_DOCUMENT,       401, 404,     404,     200,   200,   200 },
            // Coordination
            { Endpoint.PROGRESS,                401, 404,     200,     200,   200,   200 },
            { Endpoint.PIPELINE,                401, 200,     200,     200,   200,   200 },
            { Endpoint.ME,                      401, 200,     200,     200,   200,   200 },
            { Endpoint.CHOOSE_LANGUAGE,         401, 200,     200,     200,   200,   200 },
            { Endpoint.AGENDA,                  401, 200,     200,     200,   200,   200 },
            { Endpoint.MARK_READ,               401, 404,     404,     200,   200,   200 },
            { Endpoint.VISIT,                   401, 404,     200,     200,   200,   200 },
            { Endpoint.UNREAD,                  401, 404,     200,     200,   200,   200 },
            { Endpoint.KEY_UPDATES,             401, 404,     200,     200,   200,   200 },
            { Endpoint.NUDGE,                   401, 404,     403,     403,   201,   201 },
            // Invitations
            { Endpoint.LIST_INVITATIONS,        401, 404,     403,     403,   200,   200 },
            { Endpoint.RESEND_INVITATION,       401, 404,     403,     403,   201,   201 },
            { Endpoint.REVOKE_INVITATION,       401, 404,     403,     403,   204,   204 },
            { Endpoint.RESEND_SELLER_INVITATION, 401, 404,    403,     403,   201,   403 },
            { Endpoint.REVOKE_SELLER_INVITATION, 401, 404,    403,     403,   204,   403 },
            { Endpoint.CLAIM_INVITATION,        401, 404,     404,     404,   404,   404 },
            // Notifications: everyone's own settings
            { Endpoint.NOTIFICATION_SETTINGS,   401, 404,     200,     200,   200,   200 },
            { Endpoint.CHANGE_NOTIFICATION_SETTINGS, 401, 404, 200,    200,   200,   200 },
            // Buying committee
            { Endpoint.COMMITTEE,               401, 404,     403,     403,   200,   200 },
            { Endpoint.SET_COMMITTEE_SEAT,      401, 404,     403,     403,   200,   403 },
            { Endpoint.ENGAGEMENT,              401, 404,     403,     403,   200,   200 },
            // Colleague requests: a buyer who did not ask does not see the request (404 to withdraw it)
            { Endpoint.LIST_COLLEAGUE_REQUESTS, 401, 404,     200,     200,   200,   200 },
            { Endpoint.REQUEST_COLLEAGUE,       401, 404,     201,     201,   403,   403 },
            { Endpoint.DECIDE_COLLEAGUE_REQUEST, 401, 404,    403,     403,   200,   200 },
            { Endpoint.WITHDRAW_COLLEAGUE_REQUEST, 401, 404,  404,     200,   403,   403 },
            // Templates: another person's unshared template is not there (404)
            { Endpoint.SAVE_TEMPLATE,           401, 404,     403,     403,   201,   403 },
            { Endpoint.CREATE_ROOM_FROM_TEMPLATE, 401, 201,   201,     201,   201,   201 },
            { Endpoint.LIST_TEMPLATES,          401, 200,     200,     200,   200,   200 },
            { Endpoint.GET_BUILT_IN_TEMPLATE,   401, 200,     200,     200,   200,   200 },
            { Endpoint.GET_TEMPLATE,            401, 404,     404,     404,   200,   404 },
            { Endpoint.UPDATE_TEMPLATE,         401, 404,     404,     404,   200,   404 },
            { Endpoint.DELETE_TEMPLATE,         401, 404,     404,     404,   204,   404 },
            // Calendar
            { Endpoint.MY_CALENDAR,             401, 200,     200,     200,   200,   200 },
            { Endpoint.MAKE_CALENDAR,           401, 200,     200,     200,   200,   200 },
            { Endpoint.REVOKE_CALENDAR,         401, 204,     204,     204,   204,   204 },
            { Endpoint.CALENDAR_FEED,           200, 200,     200,     200,   200,   200 },
            { Endpoint.UNKNOWN_CALENDAR_FEED,   404, 404,     404,     404,   404,   404 },
            // Webhooks: the owner and the decision-makers manage them all
            { Endpoint.LIST_WEBHOOKS,           401, 404,     403,     403,   200,   200 },
            { Endpoint.CREATE_WEBHOOK,          401, 404,     403,     403,   201,   201 },
            { Endpoint.GET_WEBHOOK,             401, 404,     403,     403,   200,   200 },
            { Endpoint.UPDATE_WEBHOOK,          401, 404,     403,     403,   200,   200 },
            { Endpoint.DELETE_WEBHOOK,          401, 404,     403,     403,   204,   204 },
            { Endpoint.LIST_WEBHOOK_DELIVERIES, 401, 404,     403,     403,   200,   200 },
            { Endpoint.REDELIVER_WEBHOOK,       401, 404,     403,     403,   200,   200 },
            // Export
            { Endpoint.EXPORT_ROOM,             401, 404,     403,     403,   200,   200 },
            { Endpoint.EXPORT_MY_DATA,          401, 200,     200,     200,   200,   200 },
    };

    /**
     * The action of the access policy's table ({@link Action}) that a row's endpoint takes, and which caller of the
     * fixture holds the relation to the item that the action allows (see {@code GroupContent}), if any.
     */
    private record Acting(Caller holder, List<Action> actions) {
    }

    private static Acting acting(Action... actions) {
        return new Acting(null, List.of(actions));
    }

    private static Acting acting(Caller holder, Action action) {
        return new Acting(holder, List.of(action));
    }

    private static final Map<Endpoint, Acting> ACTIONS = Map.ofEntries(
            Map.entry(Endpoint.UPDATE_ROOM, acting(Action.ROOM_EDIT)),
            Map.entry(Endpoint.ADD_MEMBER, acting(Action.BUYERS_MANAGE)),
            Map.entry(Endpoint.REMOVE_MEMBER, acting(Action.BUYERS_MANAGE)),
            Map.entry(Endpoint.ERASE_MEMBER, acting(Action.MEMBER_ERASE)),
            Map.entry(Endpoint.ERASE_ME, acting(Action.MEMBER_ERASE_SELF)),
            Map.entry(Endpoint.ADD_SELLER_MEMBER, acting(Action.SELLERS_MANAGE)),
            Map.entry(Endpoint.REMOVE_SELLER_MEMBER, acting(Action.SELLERS_MANAGE)),
            Map.entry(Endpoint.DECLARE_ROOM_WON, acting(Action.ROOM_EDIT, Action.ROOM_DECIDE)),
            Map.entry(Endpoint.NAME_THE_SELLER, acting(Action.ROOM_EDIT, Action.ROOM_BRAND_SELLER)),
            Map.entry(Endpoint.SET_BUYER_LOGO, acting(Action.ROOM_BRAND_BUYER)),
            Map.entry(Endpoint.SET_SELLER_LOGO, acting(Action.ROOM_BRAND_SELLER)),
            Map.entry(Endpoint.REMOVE_LOGO, acting(Action.ROOM_BRAND_BUYER)),
            Map.entry(Endpoint.CREATE_GROUP, acting(Action.GROUP_CREATE)),
            Map.entry(Endpoint.CREATE_GROUP_WITH_SELLER, acting(Action.GROUP_CREATE, Action.SELLERS_MANAGE)),
            Map.entry(Endpoint.ADD_GROUP_MEMBER, acting(Action.BUYERS_MANAGE)),
            Map.entry(Endpoint.REMOVE_GROUP_MEMBER, acting(Action.BUYERS_MANAGE)),
            Map.entry(Endpoint.ADD_SELLER_TO_GROUP, acting(Action.SELLERS_MANAGE)),
            Map.entry(Endpoint.REMOVE_SELLER_FROM_GROUP, acting(Action.SELLERS_MANAGE)),
            Map.entry(Endpoint.CREATE_POST, acting(Action.POST_CREATE)),
            Map.entry(Endpoint.ANNOUNCE, acting(Action.POST_CREATE, Action.POST_ANNOUNCE)),
            Map.entry(Endpoint.EDIT_POST, acting(Caller.GROUP_MEMBER, Action.POST_EDIT)),
            Map.entry(Endpoint.DELETE_POST, acting(Caller.GROUP_MEMBER, Action.POST_DELETE)),
            Map.entry(Endpoint.CREATE_TASK, acting(Action.TASK_CREATE)),
            Map.entry(Endpoint.UPDATE_TASK, acting(Action.TASK_CHANGE)), // an unassigned task
            Map.entry(Endpoint.ORDER_TASKS, acting(Action.TASK_ORDER)),
            Map.entry(Endpoint.REQUEST_SIGNOFF, acting(Action.SIGNOFF_REQUEST)),
            Map.entry(Endpoint.DECIDE_SIGNOFF, acting(Caller.GROUP_MEMBER, Action.SIGNOFF_DECIDE)),
            Map.entry(Endpoint.WITHDRAW_SIGNOFF, acting(Caller.OWNER, Action.SIGNOFF_WITHDRAW)),
            Map.entry(Endpoint.UPLOAD_DOCUMENT, acting(Action.DOCUMENT_UPLOAD)),
            Map.entry(Endpoint.NUDGE, acting(Action.NUDGE_SEND)),
            Map.entry(Endpoint.LIST_INVITATIONS, acting(Action.INVITATIONS_VIEW)),
            Map.entry(Endpoint.RESEND_INVITATION, acting(Action.BUYERS_MANAGE)),
            Map.entry(Endpoint.REVOKE_INVITATION, acting(Action.BUYERS_MANAGE)),
            Map.entry(Endpoint.RESEND_SELLER_INVITATION, acting(Action.SELLERS_MANAGE)),
            Map.entry(Endpoint.REVOKE_SELLER_INVITATION, acting(Action.SELLERS_MANAGE)),
            Map.entry(Endpoint.COMMITTEE, acting(Action.COMMITTEE_VIEW)),
            Map.entry(Endpoint.SET_COMMITTEE_SEAT, acting(Action.COMMITTEE_EDIT)),
            Map.entry(Endpoint.ENGAGEMENT, acting(Action.ENGAGEMENT_VIEW)),
            Map.entry(Endpoint.REQUEST_COLLEAGUE, acting(Action.COLLEAGUE_REQUEST)),
            Map.entry(Endpoint.DECIDE_COLLEAGUE_REQUEST, acting(Action.COLLEAGUE_DECIDE)),
            Map.entry(Endpoint.WITHDRAW_COLLEAGUE_REQUEST, acting(Caller.GROUP_MEMBER, Action.COLLEAGUE_WITHDRAW)),
            Map.entry(Endpoint.SAVE_TEMPLATE, acting(Action.TEMPLATE_SAVE)),
            Map.entry(Endpoint.LIST_WEBHOOKS, acting(Action.WEBHOOK_VIEW)),
            Map.entry(Endpoint.CREATE_WEBHOOK, acting(Action.WEBHOOK_MANAGE)),
            Map.entry(Endpoint.GET_WEBHOOK, acting(Action.WEBHOOK_VIEW)),
            Map.entry(Endpoint.UPDATE_WEBHOOK, acting(Action.WEBHOOK_MANAGE)),
            Map.entry(Endpoint.DELETE_WEBHOOK, acting(Action.WEBHOOK_MANAGE)),
            Map.entry(Endpoint.LIST_WEBHOOK_DELIVERIES, acting(Action.WEBHOOK_VIEW)),
            Map.entry(Endpoint.REDELIVER_WEBHOOK, acting(Action.WEBHOOK_MANAGE)),
            Map.entry(Endpoint.EXPORT_ROOM, acting(Action.ROOM_EXPORT)));

    /**
     * The matrix and the access policy's table agree: for every row that takes an action, a room member the row lets
     * through (2xx) may take it by the table, one it refuses (403) may not; a 404 is about seeing, which comes first.
     * Every action of the table is taken by some row, and no row refuses (403) outside the table.
     */
    @Test
    void theMatrixAgreesWithTheAccessPolicysTable() {
        AccessPolicy policy = new AccessPolicy(null);
        Map<Caller, RoomMember> standing = Map.of(
                Caller.OUTSIDER, new RoomMember(UUID.randomUUID(), null, "outsider", false, false, false),
                Caller.GROUP_MEMBER, new RoomMember(UUID.randomUUID(), null, "member", false, false, false),
                Caller.OWNER, new RoomMember(UUID.randomUUID(), null, "owner", true, false, true),
                Caller.DECISION_MAKER, new RoomMember(UUID.randomUUID(), null, "dm", false, true, false));
        Set<Action> taken = EnumSet.noneOf(Action.class);
        for (Object[] row : MATRIX) {
            Endpoint endpoint = (Endpoint) row[0];
            Acting acting = ACTIONS.get(endpoint);
            for (Caller caller : standing.keySet()) {
                int status = (int) row[caller.ordinal() + 1];
                if (acting == null) {
                    assertTrue(status != 403, endpoint + " refuses " + caller + " outside the table: name its action");
                    continue;
                }
                if (status == 404) {
                    continue;
                }
                RoomMember member = standing.get(caller);
                boolean holds = caller == acting.holder();
                boolean allowed = acting.actions().stream().allMatch(action -> mayTake(policy, member, action, holds));
                assertEquals(allowed, status < 300, endpoint + " as " + caller + " answers " + status);
                taken.addAll(acting.actions());
            }
        }
        assertEquals(EnumSet.allOf(Action.class), taken, "every action of the table has a row that takes it");
    }

    private static boolean mayTake(AccessPolicy policy, RoomMember member, Action action, boolean holds) {
        return action.allowed().stream().filter(CallerKind::toAnItem).findFirst()
                .map(relation -> policy.may(member, action, relation, holds))
                .orElseGet(() -> policy.may(member, action));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Object[] row : MATRIX) {
            for (Caller caller : Caller.values()) {
                rows.add(Arguments.of(row[0], caller, row[caller.ordinal() + 1]));
            }
        }
        return rows.stream();
    }

    /**
     * Every answer of the matrix is also checked against the API document: its status is one the operation documents,
     * and its body has the documented shape (a problem's included), as a client generated from the document expects.
     */
    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("matrix")
    void callerGetsExpectedStatus(Endpoint endpoint, Caller caller, int expected) {
        DealRoomFixture room = new DealRoomFixture();
        Response response = endpoint.call.apply(room, request(room, caller).filter(ApiContract.filter()));
        response.then().statusCode(expected);
        if (expected >= 400) {
            response.then()
                    .contentType("application/problem+json")
                    .body("status", equalTo(expected));
        }
    }

    @Test
    void everyEndpointIsInTheMatrix() {
        List<Object> covered = Arrays.stream(MATRIX).map(row -> row[0]).toList();
        assertEquals(List.of(Endpoint.values()), covered);
    }

    @Test
    void everyApiOperationHasAnEndpointRow() {
        Map<String, Map<String, Object>> paths = RestAssured.get("/q/openapi?format=json").then().statusCode(200)
                .extract().path("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, methods) -> methods.keySet().forEach(
                method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        Set<String> rows = Arrays.stream(Endpoint.values()).map(e -> e.route)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(operations, rows);
    }

    /** A PNG logo in a multipart body. */
    private static RequestSpecification logo(RequestSpecification request) {
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
        return request.contentType("multipart/form-data").multiPart("file", "logo.png", png, "image/png");
    }

    /** The room, once its owner has given it a buyer's logo. */
    private static String withLogo(DealRoomFixture room) {
        logo(room.owner.api()).put("/api/rooms/{r}/logos/buyer", room.roomId).then().statusCode(200);
        return room.roomId;
    }

    /** The invitation the room's owner sent {@code memberId} when adding them. */
    private static String invitationOf(DealRoomFixture room, String memberId) {
        return room.owner.api().get("/api/rooms/{r}/invitations", room.roomId).then().statusCode(200)
                .extract().path("find { it.memberId == '" + memberId + "' }.id");
    }

    private static RequestSpecification request(DealRoomFixture room, Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> DealRoomFixture.anonymous();
            case STRANGER -> room.stranger.api();
            case OUTSIDER -> room.outsider.api();
            case GROUP_MEMBER -> room.groupMember.api();
            case OWNER -> room.owner.api();
            case DECISION_MAKER -> room.decisionMaker.api();
        };
    }

    private static Map<String, Object> newRoom() {
        return Map.of("name", "Matrix room", "prospectAccount", "Contoso", "targetDecisionDate", "2027-06-30");
    }

    private static Map<String, Object> newMember() {
        Person newcomer = Person.random("newcomer");
        return Map.of("email", newcomer.email(), "name", newcomer.name(), "side", "BUYER");
    }

    private static Map<String, Object> newColleague() {
        Person colleague = Person.random("colleague");
        return Map.of("email", colleague.email(), "name", colleague.name());
    }

    private static Map<String, Object> withTemplate() {
        Map<String, Object> room = new java.util.HashMap<>(newRoom());
        room.put("templateId", "complex-b2b-evaluation");
        return room;
    }

    /** A template the room's owner saved, not shared. */
    private static String template(DealRoomFixture room) {
        return room.owner.api().body(Map.of("name", "Owner's way")).post("/api/rooms/{r}/templates", room.roomId)
                .then().statusCode(201).extract().path("id");
    }

    /** The path of the calendar feed that {@code person} just made. */
    private static String calendarOf(Person person) {
        String url = person.api().put("/api/me/calendar").then().statusCode(200).extract().path("url");
        return url.substring(url.indexOf("/api/calendar/"));
    }

    /** A webhook to a port where nothing listens (its deliveries fail at once), in any room. */
    private static Map<String, Object> newWebhook() {
        return Map.of("url", "http://127.0.0.1:9/hooks", "eventTypes", List.of("post.created"));
    }

    /** A webhook the owner made in the room. */
    private static String webhook(DealRoomFixture room) {
        return room.owner.api().body(newWebhook()).post("/api/rooms/{r}/webhooks", room.roomId)
                .then().statusCode(201).extract().path("id");
    }

    /** The delivery of a post the owner wrote to everyone, once the webhook was there. */
    private static String delivery(DealRoomFixture room, String webhook) {
        room.owner.api().body(Map.of("body", "For the CRM")).post("/api/rooms/{r}/groups/everyone/posts", room.roomId)
                .then().statusCode(201);
        return room.owner.api().get("/api/rooms/{r}/webhooks/{w}/deliveries", room.roomId, webhook)
                .then().statusCode(200).extract().path("[0].id");
    }

    /** A colleague request the proof buyer made, pending. */
    private static String colleagueRequest(DealRoomFixture room) {
        Person colleague = Person.random("colleague");
        return room.groupMember.api().body(Map.of("email", colleague.email(), "name", colleague.name(), "groups",
                List.of("proof"))).post("/api/rooms/{r}/colleague-requests", room.roomId)
                .then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> newSeller() {
        Person newcomer = Person.random("presales");
        return Map.of("email", newcomer.email(), "name", newcomer.name(), "side", "SELLER", "groups", List.of("proof"));
    }

    /** A seller-side member in proof (added by the owner), that the row acts on. */
    private static String sellerMember(DealRoomFixture room) {
        return room.addMember(room.owner, Person.random("presales"), "SELLER", false, "proof");
    }

    /** A plain member, in proof, that the row may try to remove. */
    private static String extraMember(DealRoomFixture room) {
        return room.addMember(room.owner, Person.random("analyst"), "BUYER", false, "proof");
    }
}
