package dev.dealroom.post;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.dealroom.event.EventCommitted;
import dev.dealroom.event.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The metric {@code dealroom_posts_written_total}: posts and replies committed on this node. Counted from their
 * committed events, so both ways a post is written count, and a retry that returns the original does not.
 */
@Startup
@ApplicationScoped
class PostsWritten {

    private final Counter written;

    PostsWritten(MeterRegistry registry) {
        written = Counter.builder("dealroom.posts.written").description("Posts and replies written on this node")
                .register(registry);
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventCommitted event) {
        if (event.type() == EventType.POST_CREATED) {
            written.increment();
        }
    }
}
