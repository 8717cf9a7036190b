package dev.dealroom.support;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * The server's log records while it is open (the server runs in the test's JVM and logs through the JBoss log
 * manager, whose root is JUL's). Mails, which the outbox sends in the background whenever it gets to them, are
 * left out.
 */
public final class LogCapture implements AutoCloseable {

    private static final Set<String> BACKGROUND = Set.of("quarkus-mailer");

    private final ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();
    private final Logger root = Logger.getLogger("");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()
                    && !BACKGROUND.contains(record.getLoggerName())) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LogCapture() {
        root.addHandler(handler);
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The records, one line each, for an assertion's message. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (LogRecord record : records) {
            String message = record instanceof ExtLogRecord formatted ? formatted.getFormattedMessage()
                    : record.getMessage();
            text.append('\n').append(record.getLevel()).append(' ').append(record.getLoggerName()).append(": ")
                    .append(message);
            if (record.getThrown() != null) {
                text.append(" [with ").append(record.getThrown()).append(']');
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        root.removeHandler(handler);
    }
}
