package dev.dealroom.invitation;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/**
 * Sends the invitation email once the invitation is committed (never for one that was rolled back). Plain
 * text: names and room names are people's input and are never rendered as markup.
 */
@ApplicationScoped
class InvitationMailer {

    private static final Logger LOG = Logger.getLogger(InvitationMailer.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC);

    private final Mailer mailer;

    InvitationMailer(Mailer mailer) {
        this.mailer = mailer;
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
        try {
            mailer.send(Mail.withText(invitation.email(),
                    invitation.inviterName() + " invited you to " + invitation.roomName(), text));
        } catch (RuntimeException e) {
            LOG.warnf(e, "The invitation to %s could not be sent; it can be resent from the room", invitation.email());
        }
    }
}
