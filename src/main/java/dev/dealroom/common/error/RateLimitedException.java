package dev.dealroom.common.error;

import dev.dealroom.common.i18n.Text;

/**
 * A request refused because its login (or the member it concerns) has reached a limit: 429 {@code rate-limited},
 * with {@code Retry-After} saying in how many seconds the same request would be accepted again.
 */
public class RateLimitedException extends ApiException {

    private final long retryAfterSeconds;

    public RateLimitedException(Text detail, long retryAfterSeconds) {
        super(ProblemCode.RATE_LIMITED, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
