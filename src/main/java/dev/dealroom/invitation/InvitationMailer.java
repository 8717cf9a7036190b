package dev.dealroom.invitation;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.dealroom.common.Emails;

/** Sends the invitation email once the invitation is committed (never for one that was rolled back). */
@ApplicationScoped
class InvitationMailer {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC);

    private final Emails emails;

    InvitationMailer(Emails emails) {
        this.emails = emails;
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
                invitation.email(), invitation.link(), DAY.format(invitation.expiresAt()));
        emails.send(invitation.email(), invitation.inviterName() + " invited you to " + invitation.roomName(), text);
    }
}
