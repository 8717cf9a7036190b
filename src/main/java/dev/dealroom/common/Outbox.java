package dev.dealroom.common;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends what the change transactions queued in the {@code outbox} table — emails ({@link Emails}) and webhook
 * deliveries — on one background thread per node, each kind by its {@link Courier}. A node is woken by its own commits
 * that queued something, and polls ({@code dealroom.outbox.poll-interval}) for the rest: rows of a node that stopped
 * before sending them, and retries whose wait is over.
 *
 * <p>Each node <em>claims</em> a batch of due rows ({@code for update skip locked}, then pushes their next attempt
 * {@link #CLAIM} ahead and counts the attempt) in a short transaction of its own, sends them outside any
 * transaction, and deletes each once sent, or marks it delivered when its kind keeps a log. So several nodes never
 * send one row twice, and no transaction or connection waits for a mail server or a remote endpoint. A failed attempt
 * is tried again after a wait that doubles from its courier's first wait up to its longest; after its courier's
 * maximum of attempts the row is given up: it stays, marked failed with its last error, and the failure is logged.
 * Delivery is at least once: a node that dies between sending a row and recording it leaves it to be sent again once
 * the claim runs out.
 *
 * <p>Due times are the database's clock ({@code now()}): every node reads the same one, and a retry's wait is no
 * rule of the product that tests move (the injected {@link java.time.Clock} is).
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    /** How long a claimed row is left to its sender before another may take it. */
    static final Duration CLAIM = Duration.ofMinutes(10);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
    private static final int ERROR_LENGTH = 1000;
    /** Marks a transaction that has already asked for a wake-up at its commit. */
    private static final Object WAKE_REGISTERED = new Object();

    private final EntityManager em;
    private final Map<String, Courier> couriers;
    private final DealRoomConfig config;
    private final TransactionSynchronizationRegistry transactions;
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile boolean stopping;
    private ScheduledExecutorService sender;

    public Outbox(EntityManager em, Instance<Courier> couriers, DealRoomConfig config,
            TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.couriers = couriers.stream().collect(Collectors.toUnmodifiableMap(Courier::kind, Function.identity()));
        this.config = config;
        this.transactions = transactions;
    }

    @PostConstruct
    void createSender() {
        if (config.outbox().batchSize() < 1 || couriers.values().stream().anyMatch(c -> c.maxAttempts() < 1)) {
            throw new IllegalArgumentException("dealroom.outbox.batch-size and every max-attempts must be at least 1");
        }
        sender = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "outbox");
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
                sender.shutdownNow(); // a row cut off while sending is taken again once its claim runs out
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Wakes the sender once the current transaction commits (once per transaction, however many it queued). */
    public void wakeAfterCommit() {
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
     * Sends every row due now, on the sender's thread once it is done with what it is doing, and answers how many
     * went out. Tests call it to see the effects of the changes they made without waiting for a poll.
     */
    public int sendDue() {
        try {
            return sender.submit(this::drain).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending the outbox", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    private void sendDueAndLog() {
        try {
            drain();
        } catch (RuntimeException e) {
            LOG.warn("The outbox could not be sent; trying again at the next poll", e);
        }
    }

    /** Claims and sends due rows, batch after batch, until a claim comes back short; on the calling thread. */
    int drain() {
        int batchSize = config.outbox().batchSize();
        int sent = 0;
        List<Courier.Parcel> batch;
        do {
            batch = claim(batchSize);
            for (Courier.Parcel parcel : batch) {
                if (send(parcel)) {
                    sent++;
                }
            }
        } while (batch.size() == batchSize && !stopping);
        return sent;
    }

    private List<Courier.Parcel> claim(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                update outbox set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ?2)
                 where id in (select id from outbox where failed_at is null and delivered_at is null
                               and next_attempt_at <= now()
                               order by next_attempt_at limit ?1 for update skip locked)
                returning id, kind, attempts, to_address, subject, body, webhook_id, room_id, event_seq, event_type,
                          message_id""")
                .setParameter(1, limit)
                .setParameter(2, (double) CLAIM.toSeconds())
                .getResultList());
        return rows.stream().map(row -> new Courier.Parcel(((Number) row[0]).longValue(), (String) row[1],
                ((Number) row[2]).intValue(), (String) row[3], (String) row[4], (String) row[5], (UUID) row[6],
                (UUID) row[7], row[8] == null ? null : ((Number) row[8]).longValue(), (String) row[9],
                (String) row[10])).toList();
    }

    private boolean send(Courier.Parcel parcel) {
        Courier courier = couriers.get(parcel.kind());
        Courier.Result result = attempt(courier, parcel);
        if (!result.delivered()) {
            failed(courier, parcel, result);
            return false;
        }
        if (courier.keepsDelivered()) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update outbox set delivered_at = now(),"
                    + " last_status = ?2, last_error = null where id = ?1")
                    .setParameter(1, parcel.id()).setParameter(2, result.status()).executeUpdate());
        } else {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from outbox where id = ?1")
                    .setParameter(1, parcel.id()).executeUpdate());
        }
        return true;
    }

    private static Courier.Result attempt(Courier courier, Courier.Parcel parcel) {
        if (courier == null) {
            return Courier.Result.givenUp("No courier sends " + parcel.kind());
        }
        try {
            return courier.send(parcel);
        } catch (RuntimeException e) {
            return Courier.Result.failed(null, e.toString());
        }
    }

    private void failed(Courier courier, Courier.Parcel parcel, Courier.Result result) {
        String error = result.error();
        String lastError = error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error;
        String what = courier == null ? parcel.kind() : courier.describe(parcel);
        int maxAttempts = courier == null ? parcel.attempts() : courier.maxAttempts();
        if (result.giveUp() || parcel.attempts() >= maxAttempts) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "update outbox set failed_at = now(), last_error = ?2, last_status = ?3 where id = ?1")
                    .setParameter(1, parcel.id()).setParameter(2, lastError).setParameter(3, result.status())
                    .executeUpdate());
            LOG.errorf("%s was given up after %d attempts (row %d of the outbox): %s", what, parcel.attempts(),
                    parcel.id(), error);
        } else {
            Duration wait = waitAfter(parcel.attempts(), courier.firstWait(), courier.longestWait());
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update outbox set next_attempt_at"
                    + " = now() + make_interval(secs => ?3), last_error = ?2, last_status = ?4 where id = ?1")
                    .setParameter(1, parcel.id()).setParameter(2, lastError).setParameter(3, (double) wait.toSeconds())
                    .setParameter(4, result.status()).executeUpdate());
            LOG.warnf("%s could not be sent (attempt %d of %d, next in %s): %s", what, parcel.attempts(), maxAttempts,
                    wait, error);
        }
    }

    /** The wait after a failed attempt: {@code first}, doubling with each attempt, at most {@code longest}. */
    public static Duration waitAfter(int attempts, Duration first, Duration longest) {
        Duration wait = first.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(longest) > 0 ? longest : wait;
    }
}
