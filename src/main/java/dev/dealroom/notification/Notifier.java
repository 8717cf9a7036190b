package dev.dealroom.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.event.EventCommitted;
import dev.dealroom.notification.NotificationService.Kind;
import dev.dealroom.notification.NotificationService.Recipient;

/**
 * Emails the people an event is addressed to, once it has committed: the members a post mentions, the member a
 * manager nudged, the approvers a sign-off asks. The room's log is the one source: nothing else has to remember
 * to notify. Nobody is emailed about their own action, nor about a kind of email they turned off. Each email is in
 * its recipient's language, else in the language of the person who acted ({@code Emails#languageFor}).
 */
@ApplicationScoped
class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);
    private static final int EXCERPT = 500;

    private final NotificationService notifications;
    private final Postman postman;
    private final ObjectMapper json;

    Notifier(NotificationService notifications, Postman postman, ObjectMapper json) {
        this.notifications = notifications;
        this.postman = postman;
        this.json = json;
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventCommitted event) {
        try {
            switch (event.type()) {
                case POST_CREATED -> mentioned(event, json.readTree(event.data()));
                case NUDGE_SENT -> nudged(event, json.readTree(event.data()));
                case SIGNOFF_REQUESTED -> askedToSignOff(event, json.readTree(event.data()));
                default -> {
                    // nothing to email
                }
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf(e, "Notifications for event %d of room %s were not sent", event.seq(), event.roomId());
        }
    }

    private void mentioned(EventCommitted event, JsonNode post) {
        List<Recipient> recipients = recipients(event, ids(post.path("mentions")), Kind.MENTIONS);
        if (recipients.isEmpty()) {
            return; // most posts mention nobody: no query, no transaction
        }
        String body = post.path("body").asText();
        String excerpt = body.length() > EXCERPT ? body.substring(0, EXCERPT) + "…" : body;
        String link = postman.link("#/rooms/" + event.roomId() + "/groups/" + event.groupId() + "/discussion");
        for (Recipient to : recipients) {
            Language language = postman.languageOf(to);
            String group = notifications.groupName(event.groupId(), language);
            postman.send(to, language, Text.of("email.mention.subject", "actor", event.actor().name(), "group", group,
                    "room", to.roomName()), Text.of("email.mention.body", "actor", event.actor().name(),
                            "group", group, "excerpt", excerpt, "link", link));
        }
    }

    private void nudged(EventCommitted event, JsonNode nudge) {
        boolean overdue = "OVERDUE_TASKS".equals(nudge.path("topic").asText());
        Text about = Text.of(overdue ? "email.nudge.overdue-tasks" : "email.nudge.unseen-updates");
        String link = postman.link("#/rooms/" + event.roomId() + (overdue ? "" : "/coordination"));
        for (Recipient to : recipients(event, ids(nudge.path("memberId")), Kind.NUDGES)) {
            postman.send(to, postman.languageOf(to), Text.of("email.nudge.subject", "actor", event.actor().name(),
                    "about", about, "room", to.roomName()), Text.of("email.nudge.body", "actor", event.actor().name(),
                            "about", about, "room", to.roomName(), "link", link));
        }
    }

    private void askedToSignOff(EventCommitted event, JsonNode signoff) {
        List<UUID> approvers = new ArrayList<>();
        signoff.path("approvers").forEach(approver -> approvers.addAll(ids(approver.path("memberId"))));
        String title = signoff.path("title").asText();
        String description = signoff.path("description").asText("");
        String link = postman.link("#/rooms/" + event.roomId() + "/groups/" + event.groupId() + "/signoffs");
        for (Recipient to : recipients(event, approvers, Kind.SIGNOFF_REQUESTS)) {
            postman.send(to, postman.languageOf(to), Text.of("email.signoff.subject", "actor", event.actor().name(),
                    "title", title), Text.of("email.signoff.body", "actor", event.actor().name(),
                            "room", to.roomName(), "title", title, "description", description, "link", link));
        }
    }

    /** The addressed members but the one who acted. */
    private List<Recipient> recipients(EventCommitted event, List<UUID> addressed, Kind kind) {
        List<UUID> others = addressed.stream().filter(id -> !id.equals(event.actor().memberId())).distinct().toList();
        return others.isEmpty() ? List.of() : notifications.recipients(event.roomId(), others, kind);
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
