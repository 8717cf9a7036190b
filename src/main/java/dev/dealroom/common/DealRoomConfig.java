package dev.dealroom.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Deal Room's own settings, under the {@code dealroom.} prefix (environment: {@code DEALROOM_…}). */
@ConfigMapping(prefix = "dealroom")
public interface DealRoomConfig {

    /** How logins are matched to room members. */
    Identity identity();

    /** Limits of the HTTP API. */
    Api api();

    interface Identity {
        /**
         * Whether a login must carry {@code email_verified=true} to act as the member with that email. Keep it on
         * in production: an unverified email would let anyone claim anyone's seat. Off only for the dev-mode OIDC
         * server, which issues no {@code email_verified} claim.
         */
        @WithDefault("true")
        boolean requireVerifiedEmail();
    }

    interface Api {
        /** The largest JSON request body accepted, in bytes; larger ones answer 413 {@code payload-too-large}. */
        @WithDefault("262144")
        long maxJsonBytes();
    }
}
