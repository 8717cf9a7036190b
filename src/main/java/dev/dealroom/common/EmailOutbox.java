package dev.dealroom.common;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends the emails {@link Emails} queued, on one background thread per node. A node is woken by its own commits
 * that queued emails, and polls ({@code dealroom.outbox.poll-interval}) for the rest: emails of a node that stopped
 * before sending them, and retries whose wait is over.
 *
 * <p>Each node <em>claims</em> a batch of due emails ({@code for update skip locked}, then pushes their next attempt
 * {@link #CLAIM} ahead and counts the attempt) in a short transaction of its own, sends them outside any
 * transaction, and deletes each once sent. So several nodes never send one email twice, and no transaction or
 * connection waits for the mail server. A failed send is tried again after a wait that doubles from one minute up
 * to an hour; after {@code dealroom.outbox.max-attempts} the email is given up: its row stays, marked failed with
 * its last error, and the failure is logged. Delivery is at least once: a node that dies between sending an email
 * and deleting its row leaves it to be sent again once the claim runs out.
 *
 * <p>Due times are the database's clock ({@code now()}): every node reads the same one, and a retry's wait is no
 * rule of the product that tests move (the injected {@link java.time.Clock} is).
 */
@ApplicationScoped
public class EmailOutbox {

    private static final Logger LOG = Logger.getLogger(EmailOutbox.class);
    /** How long a claimed email is left to its sender before another may take it. */
    static final Duration CLAIM = Duration.ofMinutes(10);
    private static final Duration FIRST_WAIT = Duration.ofMinutes(1);
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
    private static final int ERROR_LENGTH = 1000;
    /** Marks a transaction that has already asked for a wake-up at its commit. */
    private static final Object WAKE_REGISTERED = new Object();

    /** An email claimed for sending; {@code attempts} counts this one. */
    private record Claimed(long id, String to, String subject, String body, int attempts) {
    }

    private final EntityManager em;
    private final Mailer mailer;
    private final DealRoomConfig config;
    private final TransactionSynchronizationRegistry transactions;
    private final Counter sent;
    private final Counter failures;
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile boolean stopping;
    private ScheduledExecutorService sender;

    public EmailOutbox(EntityManager em, Mailer mailer, DealRoomConfig config,
            TransactionSynchronizationRegistry transactions, MeterRegistry registry) {
        this.sent = Counter.builder("dealroom.emails.sent").description("Emails sent").register(registry);
        this.failures = Counter.builder("dealroom.emails.failed")
                .description("Attempts to send an email that failed (each is retried or, the last, given up)")
                .register(registry);
        this.em = em;
        this.mailer = mailer;
        this.config = config;
        this.transactions = transactions;
    }

    @PostConstruct
    void createSender() {
        if (config.outbox().batchSize() < 1 || config.outbox().maxAttempts() < 1) {
            throw new IllegalArgumentException("dealroom.outbox.batch-size and max-attempts must be at least 1");
        }
        sender = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "email-outbox");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts polling, with a first look at once for what a previous run left. */
    void start(@Observes StartupEvent start) {
        sender.scheduleWithFixedDelay(this::sendDueAndLog, 0, config.outbox().pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Lets the batch being sent finish, then stops; what is left waits for the next start or another node. */
    void stop(@Observes ShutdownEvent stop) {
        stopping = true;
        sender.shutdown();
        try {
            if (!sender.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                sender.shutdownNow(); // an email cut off while sending is taken again once its claim runs out
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Wakes the sender once the current transaction commits (once per transaction, however many it queued). */
    void wakeAfterCommit() {
        if (transactions.getResource(WAKE_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wake();
                }
            }
        });
    }

    private void wake() {
        if (woken.compareAndSet(false, true)) {
            try {
                sender.execute(() -> {
                    woken.set(false); // a commit from now on wakes it again
                    sendDueAndLog();
                });
            } catch (RejectedExecutionException stopped) {
                woken.set(false); // stopping: the next start, or another node, sends it
            }
        }
    }

    /**
     * Sends every email due now, on the sender's thread once it is done with what it is doing, and answers how many
     * went out. Tests call it to see the mails of the changes they made without waiting for a poll.
     */
    public int sendDue() {
        try {
            return sender.submit(this::drain).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending queued emails", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    private void sendDueAndLog() {
        try {
            drain();
        } catch (RuntimeException e) {
            LOG.warn("Queued emails could not be sent; trying again at the next poll", e);
        }
    }

    /** Claims and sends due emails, batch after batch, until a claim comes back short; on the calling thread. */
    int drain() {
        int batchSize = config.outbox().batchSize();
        int sent = 0;
        List<Claimed> batch;
        do {
            batch = claim(batchSize);
            for (Claimed email : batch) {
                if (send(email)) {
                    sent++;
                }
            }
        } while (batch.size() == batchSize && !stopping);
        return sent;
    }

    private List<Claimed> claim(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                update email_outbox set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ?2)
                 where id in (select id from email_outbox where failed_at is null and next_attempt_at <= now()
                               order by next_attempt_at limit ?1 for update skip locked)
                returning id, to_address, subject, body, attempts""")
                .setParameter(1, limit)
                .setParameter(2, (double) CLAIM.toSeconds())
                .getResultList());
        return rows.stream().map(row -> new Claimed(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                (String) row[3], ((Number) row[4]).intValue())).toList();
    }

    private boolean send(Claimed email) {
        try {
            mailer.send(Mail.withText(email.to(), email.subject(), email.body()));
        } catch (RuntimeException e) {
            failures.increment();
            failed(email, e);
            return false;
        }
        sent.increment();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from email_outbox where id = ?1")
                .setParameter(1, email.id()).executeUpdate());
        return true;
    }

    private void failed(Claimed email, RuntimeException e) {
        String error = e.toString();
        String lastError = error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error;
        int maxAttempts = config.outbox().maxAttempts();
        if (email.attempts() >= maxAttempts) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "update email_outbox set failed_at = now(), last_error = ?2 where id = ?1")
                    .setParameter(1, email.id()).setParameter(2, lastError).executeUpdate());
            LOG.errorf(e, "An email to %s was given up after %d attempts (row %d of email_outbox): %s", email.to(),
                    email.attempts(), email.id(), email.subject());
        } else {
            Duration wait = waitAfter(email.attempts());
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update email_outbox"
                    + " set next_attempt_at = now() + make_interval(secs => ?3), last_error = ?2 where id = ?1")
                    .setParameter(1, email.id()).setParameter(2, lastError).setParameter(3, (double) wait.toSeconds())
                    .executeUpdate());
            LOG.warnf("An email to %s could not be sent (attempt %d of %d, next in %s): %s: %s", email.to(),
                    email.attempts(), maxAttempts, wait, email.subject(), error);
        }
    }

    /** The wait after a failed attempt: one minute, doubling with each attempt, at most an hour. */
    static Duration waitAfter(int attempts) {
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(attempts - 1, 10));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }
}
