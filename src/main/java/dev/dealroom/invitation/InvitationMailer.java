package dev.dealroom.invitation;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.dealroom.common.Emails;
import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Messages;
import dev.dealroom.common.i18n.Text;

/**
 * Queues the invitation email in the transaction that issues the invitation: it goes out once that commits (never
 * for one rolled back). In the invitee's language if they chose one (invited to an earlier room), else in the
 * inviter's.
 */
@ApplicationScoped
class InvitationMailer {

    private final Emails emails;
    private final Clock clock;

    InvitationMailer(Emails emails, Clock clock) {
        this.emails = emails;
        this.clock = clock;
    }

    void queue(@Observes InvitationIssued invitation) {
        Language language = emails.languageFor(invitation.email());
        // the day the link expires, in the server's zone
        LocalDate expires = LocalDate.ofInstant(invitation.expiresAt(), clock.getZone());
        String text = Messages.render(language, Text.of("email.invitation.body", "invitee", invitation.inviteeName(),
                "inviter", invitation.inviterName(), "room", invitation.roomName(), "email", invitation.email(),
                "link", invitation.link(), "expires", expires));
        emails.queue(invitation.email(), Messages.render(language, Text.of("email.invitation.subject",
                "inviter", invitation.inviterName(), "room", invitation.roomName())), text);
    }
}
