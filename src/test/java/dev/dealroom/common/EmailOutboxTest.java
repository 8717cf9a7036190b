package dev.dealroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.LogCapture;
import dev.dealroom.support.SentMails;
import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The outbox's emails against the real database and Quarkus's mock mailer. */
@QuarkusTest
class EmailOutboxTest {

    @Inject
    Emails emails;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    DealRoomConfig config;

    @Test
    void anEmailGoesOutOnlyOnceTheTransactionThatQueuedItHasCommittedAndItsRowGoesWithIt() throws Exception {
        String to = address("committed");
        QuarkusTransaction.begin();
        try {
            emails.queue(to, "Queued\nsubject", "Sent once committed");
            // the sender runs on its own thread and connection: nothing of this transaction is there yet
            assertEquals(List.of(), SentMails.to(to));
        } finally {
            QuarkusTransaction.commit();
        }

        List<Mail> mails = SentMails.to(to);
        assertEquals(1, mails.size());
        assertEquals("Queued subject", mails.get(0).getSubject());
        assertEquals("Sent once committed", mails.get(0).getText());
        assertEquals(0, rowsTo(to));
        outbox.sendDue();
        assertEquals(1, SentMails.to(to).size());
    }

    @Test
    void anEmailQueuedInATransactionThatRollsBackIsNeverSent() {
        String to = address("rolled-back");
        QuarkusTransaction.begin();
        emails.queue(to, "Never", "Rolled back");
        QuarkusTransaction.rollback();

        assertEquals(List.of(), SentMails.to(to));
        assertEquals(0, rowsTo(to));
    }

    @Test
    void aFailingEmailIsTriedAgainAfterLongerAndLongerWaitsThenGivenUpKeptAndLogged() {
        // the mailer refuses an address it cannot parse, as an SMTP server refuses a send
        String to = "undeliverable-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> emails.queue(to, "Undeliverable", "Never arrives"));
        int maxAttempts = config.outbox().maxAttempts();
        try (LogCapture log = new LogCapture()) {
            for (int attempt = 1; attempt <= maxAttempts; attempt++) {
                outbox.sendDue(); // or the background sender got there first: one attempt either way
                Object[] row = rowTo(to);
                assertEquals(attempt, ((Number) row[0]).intValue(), "attempts");
                assertNotNull(row[2], "last error");
                if (attempt < maxAttempts) {
                    assertNull(row[1], "given up after " + attempt);
                    long wait = ((Number) row[3]).longValue();
                    long expected = Outbox.waitAfter(attempt, MailCourier.FIRST_WAIT, MailCourier.LONGEST_WAIT).toSeconds();
                    assertTrue(wait <= expected && wait > expected - 30, "waits " + wait + " s, not " + expected);
                    makeDue(to);
                } else {
                    assertNotNull(row[1], "given up");
                }
            }
            assertTrue(log.records().stream().anyMatch(record -> record.getLevel().intValue() >= Level.SEVERE.intValue()
                    && Outbox.class.getName().equals(record.getLoggerName())), log.describe());
        }

        // kept, and never taken again
        makeDue(to);
        outbox.sendDue();
        assertEquals(maxAttempts, ((Number) rowTo(to)[0]).intValue());
        assertEquals(List.of(), SentMails.to(to));
    }

    @Test
    void theWaitBetweenAttemptsDoublesFromAMinuteUpToAnHour() {
        assertEquals(Duration.ofMinutes(1), mailWaitAfter(1));
        assertEquals(Duration.ofMinutes(2), mailWaitAfter(2));
        assertEquals(Duration.ofMinutes(32), mailWaitAfter(6));
        assertEquals(Duration.ofHours(1), mailWaitAfter(7));
        assertEquals(Duration.ofHours(1), mailWaitAfter(40));
    }

    @Test
    void twoSendersClaimingAtTheSameMomentSendEachEmailOnce() throws Exception {
        String prefix = "pair-" + UUID.randomUUID();
        int count = 3 * config.outbox().batchSize() + 7;
        // written straight into the table, so that no commit wakes this node's sender: the two loops meet alone
        // (unless a periodic poll joins them, which must not double anything either)
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into outbox (kind, to_address,"
                + " subject, body) select 'email', ?1 || '-' || i || '@outbox.example', 'Pair ' || i, 'Once'"
                + " from generate_series(1, ?2) i").setParameter(1, prefix).setParameter(2, count).executeUpdate());

        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> loops = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                loops.add(senders.submit(() -> {
                    gate.await();
                    return outbox.drain();
                }));
            }
            gate.countDown();
            for (Future<Integer> loop : loops) {
                loop.get();
            }
        } finally {
            senders.shutdownNow();
        }

        for (int i = 1; i <= count; i++) {
            assertEquals(1, SentMails.to(prefix + "-" + i + "@outbox.example").size(), "mails to number " + i);
        }
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox where to_address like ?1").setParameter(1, prefix + "-%")
                .getSingleResult()).intValue()));
    }

    @Test
    void anEmailIsQueuedOnlyInTheTransactionOfTheChangeThatCausesIt() {
        String to = address("mandatory");
        assertThrows(TransactionalException.class, () -> emails.queue(to, "Nowhere", "No transaction"));
        assertEquals(0, rowsTo(to));
    }

    private static Duration mailWaitAfter(int attempts) {
        return Outbox.waitAfter(attempts, MailCourier.FIRST_WAIT, MailCourier.LONGEST_WAIT);
    }

    private static String address(String label) {
        return label + "-" + UUID.randomUUID() + "@outbox.example";
    }

    private int rowsTo(String to) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox where to_address = ?1").setParameter(1, to).getSingleResult())
                .intValue());
    }

    /** attempts, failed_at, last_error, seconds until the next attempt. */
    private Object[] rowTo(String to) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("select attempts,"
                + " failed_at, last_error, round(extract(epoch from next_attempt_at - now())) from outbox"
                + " where to_address = ?1").setParameter(1, to).getSingleResult());
    }

    private void makeDue(String to) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update outbox set next_attempt_at = now() where to_address = ?1")
                .setParameter(1, to).executeUpdate());
    }
}
