package dev.dealroom.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.dealroom.support.BrowserTest;
import dev.dealroom.support.DealRoomFixture;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The plan that schedules itself, in a real Chromium: a task made to follow another one from the form shows the date
 * its rule gives, and when the task it follows is done its new date reaches another member's page live, with why, in
 * their language.
 */
@QuarkusTest
class PlanPageTest extends BrowserTest {

    private static final String BASE = "/api/rooms/{r}/groups/proof";

    @Test
    void aFollowingTaskIsRescheduledLiveWithWhyInBothLanguages() {
        DealRoomFixture room = new DealRoomFixture();
        LocalDate due = LocalDate.now().plusDays(10);
        String connect = room.owner.api().body(Map.of("title", "Connect the fleet", "dueDate", due.toString()))
                .post(BASE + "/tasks", room.roomId).then().statusCode(201).extract().path("id");
        Page seller = open(browsers.signIn(room.owner), room);
        Page buyer = open(browsers.signIn(room.groupMember, "fr-FR", 1280, 860), room);

        Locator form = seller.locator("form[aria-labelledby='new-task-title']");
        form.getByLabel("Task", new Locator.GetByLabelOptions().setExact(true)).fill("Pilot on three depots");
        form.getByLabel("Kind of due date").selectOption("AFTER_TASK");
        assertThat(form.locator(".due-computed")).hasText("Give a number of days, from 0 to 3650.");
        form.getByLabel("Days").fill("3");
        form.getByLabel("After the task").selectOption(connect);
        assertThat(form.locator(".due-computed")).containsText("Computed due date:");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add task")).click();

        Locator pilotForSeller = seller.locator(".task").filter(new Locator.FilterOptions().setHasText("Pilot on three"));
        assertThat(pilotForSeller.locator(".task-rule")).containsText("3 days after “Connect the fleet” is done");
        Locator pilotForBuyer = buyer.locator(".task").filter(new Locator.FilterOptions().setHasText("Pilot on three"));
        assertThat(pilotForBuyer.locator(".task-rule")).containsText("3 jours après la fin de «\u202fConnect the fleet\u202f»");
        String pilot = pilotForSeller.getAttribute("data-task-id");
        assertEquals(due.plusDays(3).toString(), dueOf(room, pilot));
        String dueBefore = pilotForBuyer.locator(".task-due").textContent();

        room.owner.api().body(Map.of("status", "DONE")).patch(BASE + "/tasks/{t}", room.roomId, connect).then()
                .statusCode(200);
        String moved = LocalDate.now().plusDays(3).toString();
        assertThat(pilotForBuyer.locator(".task-rescheduled")).containsText("«\u202fConnect the fleet\u202f» est terminée");
        assertThat(pilotForSeller.locator(".task-rescheduled")).containsText("“Connect the fleet” was done");
        assertEquals(moved, dueOf(room, pilot));
        assertThat(pilotForBuyer.locator(".task-due")).not().hasText(dueBefore);
    }

    @Test
    void aMilestonesRollUpFollowsATaskLeadingToItLive() {
        DealRoomFixture room = new DealRoomFixture();
        LocalDate due = LocalDate.now().plusDays(10);
        String feed = room.owner.api().body(Map.of("title", "Connect the fleet", "dueDate", due.toString()))
                .post(BASE + "/tasks", room.roomId).then().statusCode(201).extract().path("id");
        String test = room.owner.api().body(Map.of("title", "Load test", "dueKind", "AFTER_TASK", "dueDays", 2,
                "dueAfterTaskId", feed)).post(BASE + "/tasks", room.roomId).then().statusCode(201).extract().path("id");
        String pilot = room.owner.api().body(Map.of("title", "Pilot accepted", "dueKind", "AFTER_TASK", "dueDays", 5,
                "dueAfterTaskId", test, "milestone", true)).post(BASE + "/tasks", room.roomId).then().statusCode(201)
                .extract().path("id");
        Page buyer = open(browsers.signIn(room.groupMember, "fr-FR", 1280, 860), room);
        Locator rollup = buyer.locator(".task[data-task-id='" + pilot + "'] .task-rollup");
        assertThat(rollup).containsText("Dans les temps");

        // the first task of the chain is blocked: no event names the milestone, yet its roll-up changes
        room.owner.api().body(Map.of("status", "BLOCKED", "blockedReason", "No VPN access yet"))
                .patch(BASE + "/tasks/{t}", room.roomId, feed).then().statusCode(200);
        assertThat(rollup).containsText("Bloqué");
        assertEquals("BLOCKED", room.owner.api().get(BASE + "/tasks/{t}", room.roomId, pilot).then().statusCode(200)
                .extract().path("rollup"));
    }

    private static String dueOf(DealRoomFixture room, String task) {
        return room.owner.api().get(BASE + "/tasks/{t}", room.roomId, task).then().statusCode(200).extract()
                .path("dueDate");
    }

    /** Shows the plan tab and waits until the room's socket has replayed and is live. */
    private static Page open(Page page, DealRoomFixture room) {
        page.navigate("/#/rooms/" + room.roomId + "/groups/" + room.proofId + "/plan");
        assertThat(page.locator("#banner[data-status=live]")).hasCount(1);
        return page;
    }
}
