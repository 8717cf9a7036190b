package dev.dealroom.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;

import javax.sql.DataSource;

/**
 * Holds a lock the server's writes contend on, from a database connection of its own, while a {@link Burst} is in
 * flight: the burst's requests reach the lock and wait behind the holder; once all of them wait, the holder lets
 * go and they take the lock one after the other. So every run meets the lock with every request at once, however
 * the machine schedules them; and a server that no longer takes the lock leaves the requests unqueued, which
 * {@link #releaseWhenQueued} reports instead of letting them pass by luck.
 */
public final class LockHolder implements AutoCloseable {

    /** How long the burst's requests get to reach the lock. */
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(20);

    /**
     * The backends of this database waiting for a lock behind the holder, directly or behind another waiter (after
     * the first, waiters for a row queue on its tuple lock, which the first holds).
     */
    private static final String QUEUED = """
            with recursive queued(pid) as (
                select pid from pg_stat_activity
                 where datname = current_database() and wait_event_type = 'Lock' and ? = any(pg_blocking_pids(pid))
              union
                select waiting.pid from pg_stat_activity waiting
                  join queued on queued.pid = any(pg_blocking_pids(waiting.pid))
                 where waiting.datname = current_database() and waiting.wait_event_type = 'Lock'
            )
            select count(*) from queued""";

    /** A statement that takes a lock until its transaction ends, and its parameters. */
    public record Lock(String sql, List<Object> params) {

        public static Lock of(String sql, Object... params) {
            return new Lock(sql, Arrays.asList(params));
        }

        /** The statement with its parameters in place, to name the lock in a failure. */
        @Override
        public String toString() {
            String named = sql;
            for (Object param : params) {
                String literal = "'" + String.valueOf(param).replace("\n", "\\n") + "'";
                named = named.replaceFirst("\\?", Matcher.quoteReplacement(literal));
            }
            return named;
        }
    }

    private final DataSource dataSource;
    private final Lock lock;
    private final Connection holder;
    private final int holderPid;
    private boolean held;

    private LockHolder(DataSource dataSource, Lock lock, Connection holder, int holderPid) {
        this.dataSource = dataSource;
        this.lock = lock;
        this.holder = holder;
        this.holderPid = holderPid;
        this.held = true;
    }

    /** Takes the lock in a transaction of its own, kept open until {@link #release()}. */
    public static LockHolder take(DataSource dataSource, Lock lock) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            int pid;
            try (PreparedStatement statement = connection.prepareStatement("select pg_backend_pid()");
                    ResultSet result = statement.executeQuery()) {
                result.next();
                pid = result.getInt(1);
            }
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(lock.sql())) {
                for (int i = 0; i < lock.params().size(); i++) {
                    statement.setObject(i + 1, lock.params().get(i));
                }
                try (ResultSet result = statement.executeQuery()) {
                    if (!result.next()) {
                        throw new IllegalStateException("Nothing to lock: " + lock);
                    }
                }
            }
            return new LockHolder(dataSource, lock, connection, pid);
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                close(connection);
            }
            throw new IllegalStateException("Cannot take " + lock, e);
        }
    }

    /**
     * Waits (bounded) until {@code expected} backends wait behind the holder, then releases the lock, also when
     * they never do, which fails: the requests did not take the lock.
     */
    public void releaseWhenQueued(int expected) {
        try {
            awaitQueued(expected);
        } finally {
            release();
        }
    }

    /**
     * Waits (bounded) until {@code expected} backends wait behind the holder, then makes {@code change} in the
     * holder's transaction and commits it: the waiting requests then meet what another writer committed while they
     * waited, as they would meet a change that won the race.
     */
    public void commitWhenQueued(int expected, Lock change) {
        try {
            awaitQueued(expected);
            try (PreparedStatement statement = holder.prepareStatement(change.sql())) {
                for (int i = 0; i < change.params().size(); i++) {
                    statement.setObject(i + 1, change.params().get(i));
                }
                statement.executeUpdate();
            }
            holder.commit();
            held = false;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot make " + change, e);
        } finally {
            release();
        }
    }

    private void awaitQueued(int expected) {
        try {
            long deadline = System.nanoTime() + BOUND.toNanos();
            int waiting = queued();
            while (waiting < expected && System.nanoTime() < deadline) {
                Thread.sleep(POLL.toMillis());
                waiting = queued();
            }
            if (waiting < expected) {
                throw new AssertionError("the burst did not queue on " + lock + ": " + waiting + " of " + expected
                        + " waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the burst to queue on " + lock, e);
        }
    }

    /** Ends the holder's transaction, releasing the lock. */
    public void release() {
        if (!held) {
            return;
        }
        held = false;
        try {
            holder.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot release " + lock, e);
        }
    }

    @Override
    public void close() {
        try {
            release();
        } finally {
            close(holder);
        }
    }

    private int queued() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(QUEUED)) {
            statement.setInt(1, holderPid);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read who waits for " + lock, e);
        }
    }

    private static void close(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close the lock holder's connection", e);
        }
    }
}
