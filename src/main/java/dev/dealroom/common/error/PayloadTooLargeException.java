package dev.dealroom.common.error;

import java.io.IOException;

/**
 * A request body that went past its limit while it was being read (a body sent in chunks, whose length nobody
 * announced). An {@link IOException}, so that the JSON parser and the multipart parser pass it on as it is instead
 * of wrapping it as a syntax error; answered 413 {@code payload-too-large}.
 */
public class PayloadTooLargeException extends IOException {

    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("The request body is over " + limit + " bytes", null);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // a refusal, not a fault: nobody needs to know where it was raised
        return this;
    }
}
