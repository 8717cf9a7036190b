package dev.dealroom.invitation;

import java.time.Clock;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.dealroom.common.Emails;

/** Sends the invitation email once the invitation is committed (never for one that was rolled back). */
@ApplicationScoped
class InvitationMailer {

    private final Emails emails;
    /** The day the link expires, in the server's zone. */
    private final DateTimeFormatter day;

    InvitationMailer(Emails emails, Clock clock) {
        this.emails = emails;
        this.day = DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(clock.getZone());
    }

    void send(@Observes(during = TransactionPhase.AFTER_SUCCESS) InvitationIssued invitation) {
        String text = """
                Hello %s,

                %s invited you to the deal room "%s" on Deal Room, where the evaluation's plan, discussion,
                sign-offs and documents are shared.

                Join here (sign in, or create an account, with this email address: %s):
                %s

                The link works once and until %s. If you did not expect it, ignore this email.
                """.formatted(invitation.inviteeName(), invitation.inviterName(), invitation.roomName(),
                invitation.email(), invitation.link(), day.format(invitation.expiresAt()));
        emails.send(invitation.email(), invitation.inviterName() + " invited you to " + invitation.roomName(), text);
    }
}
