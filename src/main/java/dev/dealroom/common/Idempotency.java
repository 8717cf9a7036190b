package dev.dealroom.common;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.access.Caller;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.i18n.Text;

/**
 * Makes creates safe to retry (invariants 3 and 7): a create sent with a client-generated id ({@code clientId} in
 * the body or an {@code Idempotency-Key} header) runs once per caller, operation and id; a retry gets the original
 * response and creates nothing. Concurrent duplicates take turns on a transaction-scoped advisory lock, so the
 * second sees what the first committed. The id belongs to its target (the room or group created in): the same id
 * with a different request, or sent to another target, is refused (409 {@code idempotency-key-reused}), so it
 * never answers with another target's item.
 */
@ApplicationScoped
public class Idempotency {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;

    public Idempotency(EntityManager em, ObjectMapper json, Clock clock) {
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    /** The client's id for a create, from the body or the header; they must agree when both are given. */
    public static Optional<String> key(String clientId, String header) {
        if (clientId != null && header != null && !clientId.equals(header)) {
            throw ApiException.invalidField("clientId", "invalid-value",
                    Text.of("field.client-id-differs"));
        }
        String key = clientId != null ? clientId : header;
        if (key != null && !KEY.matcher(key).matches()) {
            throw ApiException.invalidField(clientId != null ? "clientId" : "Idempotency-Key", "invalid-format",
                    Text.of("field.client-id-format"));
        }
        return Optional.ofNullable(key);
    }

    /**
     * Runs {@code create} unless this caller already ran {@code operation} with this key, in which case the
     * original response is returned. Call inside the create's transaction, after the access checks.
     *
     * @param target what the create is made in, resolved (a room's or a group's id; empty for a new room), so that
     *               the same key sent to another room or group is a different request
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> T once(Caller caller, String operation, String target, Optional<String> key, Object request,
            Class<T> type, Supplier<T> create) {
        if (key.isEmpty()) {
            return create.get();
        }
        String lockName = caller.subject() + "\n" + operation + "\n" + key.get();
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, lockName).getSingleResult();
        String requestHash = requestHash(target, request);
        @SuppressWarnings("unchecked")
        List<Object[]> earlier = em.createNativeQuery("select request_hash, cast(response as text) from idempotency_key"
                + " where subject = ?1 and operation = ?2 and key = ?3")
                .setParameter(1, caller.subject()).setParameter(2, operation).setParameter(3, key.get())
                .getResultList();
        if (!earlier.isEmpty()) {
            if (!requestHash.equals(earlier.get(0)[0])) {
                throw new ApiException(ProblemCode.IDEMPOTENCY_KEY_REUSED, Text.of("detail.client-id-reused"));
            }
            return read((String) earlier.get(0)[1], type);
        }
        T created = create.get();
        em.createNativeQuery("insert into idempotency_key (subject, operation, key, request_hash, response, created_at)"
                + " values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6)")
                .setParameter(1, caller.subject()).setParameter(2, operation).setParameter(3, key.get())
                .setParameter(4, requestHash).setParameter(5, write(created)).setParameter(6, clock.instant())
                .executeUpdate();
        return created;
    }

    /**
     * What a retry must repeat: the request and its resolved target. A write that records its key in a statement of
     * its own (a create of {@link OneStatement}) records this hash, so that {@link #once} judges its retries the same
     * way.
     */
    public String requestHash(String target, Object request) {
        return Hashes.sha256Hex(target + "\n" + write(request));
    }

    /**
     * For a person's erasure: every kept response that holds one of {@code traces} (their id, name or email; a member
     * added, a post they wrote) is replaced by what {@code scrub} makes of it, so that a retry answers without them.
     * Kept responses carry no room, so this reads them all; they are few, as they expire.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(Collection<String> traces, UnaryOperator<JsonNode> scrub) {
        String[] lowered = traces.stream().map(trace -> trace.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select subject, operation, key, cast(response as text)"
                + " from idempotency_key where exists (select 1 from unnest(cast(?1 as text[])) t"
                + " where strpos(lower(cast(response as text)), t) > 0)")
                .setParameter(1, lowered).getResultList();
        for (Object[] row : rows) {
            try {
                JsonNode response = json.readTree((String) row[3]);
                JsonNode scrubbed = scrub.apply(response);
                if (!scrubbed.equals(response)) {
                    em.createNativeQuery("update idempotency_key set response = cast(?4 as jsonb)"
                            + " where subject = ?1 and operation = ?2 and key = ?3")
                            .setParameter(1, row[0]).setParameter(2, row[1]).setParameter(3, row[2])
                            .setParameter(4, json.writeValueAsString(scrubbed)).executeUpdate();
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A kept response is not JSON", e);
            }
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass(), e);
        }
    }

    private <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a stored " + type, e);
        }
    }
}
