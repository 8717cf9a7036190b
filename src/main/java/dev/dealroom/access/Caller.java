package dev.dealroom.access;

import java.util.Optional;

/**
 * The person behind a request, as their identity provider describes them.
 *
 * @param subject     the token's {@code sub}
 * @param memberEmail the lower-cased email this login may act as, empty when the provider has not verified it
 * @param name        the display name the provider gives (or the email)
 */
public record Caller(String subject, Optional<String> memberEmail, String name) {
}
