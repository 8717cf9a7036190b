package dev.dealroom.common.error;

import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Messages;
import dev.dealroom.common.i18n.Text;

/**
 * Every machine-readable error code the API answers with, each with its HTTP status. Clients branch on
 * {@link #code()}, which never changes with the language; the title is for people, in the reader's language
 * (catalogue key {@code problem.<code>}), and may be reworded.
 */
public enum ProblemCode {
    VALIDATION_FAILED(400, "validation-failed"),
    MALFORMED_JSON(400, "malformed-json"),
    BAD_REQUEST(400, "bad-request"),
    MALFORMED_CONTENT_TYPE(400, "malformed-content-type"),
    MALFORMED_MULTIPART(400, "malformed-multipart"),
    UNAUTHENTICATED(401, "unauthenticated"),
    EMAIL_NOT_VERIFIED(403, "email-not-verified"),
    FORBIDDEN(403, "forbidden"),
    CROSS_ORIGIN(403, "cross-origin"),
    INVITATION_EMAIL_MISMATCH(403, "invitation-email-mismatch"),
    NOT_FOUND(404, "not-found"),
    INVITATION_NOT_FOUND(404, "invitation-not-found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable"),
    MEMBER_EXISTS(409, "member-exists"),
    OWNER_CANNOT_BE_REMOVED(409, "owner-cannot-be-removed"),
    OWNER_CANNOT_BE_ERASED(409, "owner-cannot-be-erased"),
    GROUP_MEMBERSHIP_FIXED(409, "group-membership-fixed"),
    INVALID_TRANSITION(409, "invalid-transition"),
    SIGNOFF_CLOSED(409, "signoff-closed"),
    ALREADY_DECIDED(409, "already-decided"),
    COLLEAGUE_ALREADY_REQUESTED(409, "colleague-already-requested"),
    COLLEAGUE_REQUEST_CLOSED(409, "colleague-request-closed"),
    POST_DELETED(409, "post-deleted"),
    NUDGE_LIMIT(409, "nudge-limit"),
    IDEMPOTENCY_KEY_REUSED(409, "idempotency-key-reused"),
    CONFLICT(409, "conflict"),
    INVITATION_USED(409, "invitation-used"),
    ROOM_CLOSED(409, "room-closed"),
    TEMPLATE_LIMIT(409, "template-limit"),
    TEMPLATE_TOO_LARGE(409, "template-too-large"),
    WEBHOOK_LIMIT(409, "webhook-limit"),
    WEBHOOK_CREATOR_GONE(409, "webhook-creator-gone"),
    WEBHOOK_DISABLED(409, "webhook-disabled"),
    INVITATION_EXPIRED(410, "invitation-expired"),
    INVITATION_REVOKED(410, "invitation-revoked"),
    ROOM_ACCESS_ENDED(410, "room-access-ended"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large"),
    URI_TOO_LONG(414, "uri-too-long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type"),
    RATE_LIMITED(429, "rate-limited"),
    HEADERS_TOO_LARGE(431, "headers-too-large"),
    INTERNAL_ERROR(500, "internal-error");

    private final int status;
    private final String code;

    ProblemCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The title in the language. */
    public String title(Language language) {
        return Messages.render(language, Text.of(titleKey()));
    }

    /** The catalogue key of the title. */
    public String titleKey() {
        return "problem." + code;
    }
}
