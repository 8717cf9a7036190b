package dev.dealroom.support;

import java.util.List;
import java.util.Objects;

import dev.dealroom.common.Outbox;
import io.quarkus.arc.Arc;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;

/**
 * The mails the server has sent, read from Quarkus's mock mailbox once the outbox has sent every email due: so a
 * test sees the mails of every change that has committed, without waiting for the background sender.
 */
public final class SentMails {

    private SentMails() {
    }

    /** Every mail sent to {@code address} so far, oldest first; none is an empty list. */
    public static List<Mail> to(String address) {
        Arc.container().instance(Outbox.class).get().sendDue();
        return Objects.requireNonNullElse(Arc.container().instance(MockMailbox.class).get().getMailsSentTo(address),
                List.of());
    }
}
