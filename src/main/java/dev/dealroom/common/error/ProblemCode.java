package dev.dealroom.common.error;

/**
 * Every machine-readable error code the API answers with, each with its HTTP status and a stable title.
 * Clients branch on {@link #code()}; the title is for people and may be reworded.
 */
public enum ProblemCode {
    VALIDATION_FAILED(400, "validation-failed", "The request has invalid fields"),
    MALFORMED_JSON(400, "malformed-json", "The request body is not valid JSON"),
    BAD_REQUEST(400, "bad-request", "The request is not valid"),
    MALFORMED_CONTENT_TYPE(400, "malformed-content-type", "The Content-Type header is not a valid media type"),
    MALFORMED_MULTIPART(400, "malformed-multipart", "The multipart body is malformed or incomplete"),
    UNAUTHENTICATED(401, "unauthenticated", "A valid bearer token or session is required"),
    EMAIL_NOT_VERIFIED(403, "email-not-verified", "Your identity provider has not verified your email address"),
    FORBIDDEN(403, "forbidden", "You are not allowed to do this in this room"),
    CROSS_ORIGIN(403, "cross-origin", "Signed-in requests are only accepted from this server's own pages"),
    INVITATION_EMAIL_MISMATCH(403, "invitation-email-mismatch",
            "This invitation is for another email address than the one you signed in with"),
    NOT_FOUND(404, "not-found", "Not found"),
    INVITATION_NOT_FOUND(404, "invitation-not-found", "This invitation link is not valid"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "This method is not allowed here"),
    NOT_ACCEPTABLE(406, "not-acceptable", "The requested media type cannot be produced"),
    MEMBER_EXISTS(409, "member-exists", "A member with this email is already in the room"),
    OWNER_CANNOT_BE_REMOVED(409, "owner-cannot-be-removed", "The room owner cannot be removed"),
    GROUP_MEMBERSHIP_FIXED(409, "group-membership-fixed",
            "This group's membership follows the room's roles and cannot be edited"),
    INVALID_TRANSITION(409, "invalid-transition", "This status change is not allowed"),
    SIGNOFF_CLOSED(409, "signoff-closed", "This sign-off is no longer open"),
    ALREADY_DECIDED(409, "already-decided", "You have already decided on this sign-off"),
    POST_DELETED(409, "post-deleted", "This post was deleted"),
    NUDGE_LIMIT(409, "nudge-limit", "This member was already nudged about this today"),
    IDEMPOTENCY_KEY_REUSED(409, "idempotency-key-reused", "This client id was used for a different request"),
    CONFLICT(409, "conflict", "The request conflicts with a concurrent change"),
    INVITATION_USED(409, "invitation-used", "This invitation has already been used"),
    INVITATION_EXPIRED(410, "invitation-expired", "This invitation has expired; ask for a new one"),
    INVITATION_REVOKED(410, "invitation-revoked", "This invitation was withdrawn; ask for a new one"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    URI_TOO_LONG(414, "uri-too-long", "The request URI is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body's media type is not supported"),
    RATE_LIMITED(429, "rate-limited", "Too many requests; try again after the time given in Retry-After"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "The request headers are too large"),
    INTERNAL_ERROR(500, "internal-error", "Something went wrong on our side");

    private final int status;
    private final String code;
    private final String title;

    ProblemCode(int status, String code, String title) {
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
