package dev.dealroom.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.event.EventCommitted;
import dev.dealroom.notification.NotificationService.GroupLabel;
import dev.dealroom.notification.NotificationService.Kind;
import dev.dealroom.notification.NotificationService.Recipient;

/**
 * Emails the people an event is addressed to: the members a post mentions, the member a manager nudged, the
 * approvers a sign-off asks, the owner told a key buyer went quiet or is back. The room's log is the one source: nothing else has to remember to notify. Nobody is
 * emailed about their own action, nor about a kind of email they turned off. Each email is in its recipient's
 * language, else in the language of the person who acted (their choice, else their request's).
 *
 * <p>It observes each event as it is appended, inside the transaction of the change, and queues the emails there
 * ({@code common.Emails}): they go out once the change commits, never for one rolled back. An event that emails
 * nobody (most posts mention nobody; most types email no one) costs no query, and needs no transaction: a write
 * path may announce such an event outside one.
 */
@ApplicationScoped
class Notifier {

    private static final int EXCERPT = 500;

    private final NotificationService notifications;
    private final Postman postman;
    private final ObjectMapper json;
    private final Clock clock;

    Notifier(NotificationService notifications, Postman postman, ObjectMapper json, Clock clock) {
        this.notifications = notifications;
        this.postman = postman;
        this.json = json;
        this.clock = clock;
    }

    void appended(@Observes EventCommitted event) {
        switch (event.type()) {
            case POST_CREATED -> mentioned(event);
            case NUDGE_SENT -> nudged(event, tree(event));
            case SIGNOFF_REQUESTED -> askedToSignOff(event, tree(event));
            case ENGAGEMENT_ALERT -> engagementAlert(event, tree(event));
            default -> {
                // nothing to email
            }
        }
    }

    private void mentioned(EventCommitted event) {
        List<Recipient> recipients = recipients(event, mentions(event.data()), Kind.MENTIONS);
        if (recipients.isEmpty()) {
            return;
        }
        String body = tree(event).path("body").asText();
        String excerpt = body.length() > EXCERPT ? body.substring(0, EXCERPT) + "…" : body;
        String link = postman.link("#/rooms/" + event.roomId() + "/groups/" + event.groupId() + "/discussion");
        GroupLabel group = notifications.group(event.groupId());
        for (Recipient to : recipients) {
            Language language = postman.languageOf(to);
            String groupName = group.in(language);
            postman.queue(to, language, Text.of("email.mention.subject", "actor", event.actor().name(),
                    "group", groupName, "room", to.roomName()), Text.of("email.mention.body",
                            "actor", event.actor().name(), "group", groupName, "excerpt", excerpt, "link", link));
        }
    }

    private void nudged(EventCommitted event, JsonNode nudge) {
        boolean overdue = "OVERDUE_TASKS".equals(nudge.path("topic").asText());
        Text about = Text.of(overdue ? "email.nudge.overdue-tasks" : "email.nudge.unseen-updates");
        String link = postman.link("#/rooms/" + event.roomId() + (overdue ? "" : "/coordination"));
        for (Recipient to : recipients(event, ids(nudge.path("memberId")), Kind.NUDGES)) {
            postman.queue(to, postman.languageOf(to), Text.of("email.nudge.subject", "actor", event.actor().name(),
                    "about", about, "room", to.roomName()), Text.of("email.nudge.body", "actor", event.actor().name(),
                            "about", about, "room", to.roomName(), "link", link));
        }
    }

    /** The owner, told a key buyer went quiet or is back (the event has no actor: the server noticed it). */
    private void engagementAlert(EventCommitted event, JsonNode alert) {
        boolean quiet = "QUIET".equals(alert.path("kind").asText());
        String buyer = alert.path("buyerName").asText();
        long days = alert.path("days").asLong();
        LocalDate lastVisit = LocalDate.ofInstant(Instant.parse(alert.path("lastVisit").asText()), clock.getZone());
        String link = postman.link("#/rooms/" + event.roomId() + "/coordination");
        String kind = quiet ? "email.engagement.quiet" : "email.engagement.back";
        for (Recipient to : recipients(event, ids(alert.path("memberId")), Kind.ENGAGEMENT_ALERTS)) {
            postman.queue(to, postman.languageOf(to), Text.of(kind + ".subject", "buyer", buyer, "room", to.roomName(),
                    "count", days), Text.of(kind + ".body", "buyer", buyer, "room", to.roomName(), "count", days,
                            "day", lastVisit, "link", link));
        }
    }

    private void askedToSignOff(EventCommitted event, JsonNode signoff) {
        List<UUID> approvers = new ArrayList<>();
        signoff.path("approvers").forEach(approver -> approvers.addAll(ids(approver.path("memberId"))));
        String title = signoff.path("title").asText();
        String description = signoff.path("description").asText("");
        String link = postman.link("#/rooms/" + event.roomId() + "/groups/" + event.groupId() + "/signoffs");
        for (Recipient to : recipients(event, approvers, Kind.SIGNOFF_REQUESTS)) {
            postman.queue(to, postman.languageOf(to), Text.of("email.signoff.subject", "actor", event.actor().name(),
                    "title", title), Text.of("email.signoff.body", "actor", event.actor().name(),
                            "room", to.roomName(), "title", title, "description", description, "link", link));
        }
    }

    /** The addressed members but the one who acted; asks the database only if someone is left. */
    private List<Recipient> recipients(EventCommitted event, List<UUID> addressed, Kind kind) {
        List<UUID> others = addressed.stream().filter(id -> !id.equals(event.actor().memberId())).distinct().toList();
        return others.isEmpty() ? List.of()
                : notifications.recipients(event.roomId(), others, kind, event.actor().memberId());
    }

    /**
     * The ids in a post's top-level {@code mentions}, read from the payload as it streams by: nothing of the post is
     * kept, and reading stops there.
     */
    private List<UUID> mentions(String post) {
        try (JsonParser parser = json.getFactory().createParser(post)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean mentions = "mentions".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (mentions) {
                    List<UUID> ids = new ArrayList<>();
                    if (value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() == JsonToken.VALUE_STRING) {
                            ids.add(UUID.fromString(parser.getText()));
                        }
                    }
                    return ids;
                }
                parser.skipChildren();
            }
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("A post.created payload is not JSON", e);
        }
    }

    private JsonNode tree(EventCommitted event) {
        try {
            return json.readTree(event.data());
        } catch (IOException e) {
            throw new UncheckedIOException("The payload of a " + event.type().wireName() + " is not JSON", e);
        }
    }

    private static List<UUID> ids(JsonNode node) {
        List<UUID> ids = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(id -> ids.add(UUID.fromString(id.asText())));
        } else if (node.isTextual()) {
            ids.add(UUID.fromString(node.asText()));
        }
        return ids;
    }
}
