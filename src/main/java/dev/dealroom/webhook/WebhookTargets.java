package dev.dealroom.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.dealroom.common.DealRoomConfig;

/**
 * Where a webhook may point: an absolute {@code http} or {@code https} URL without credentials, and — unless
 * {@code dealroom.webhooks.allow-private-targets} — not into this server's own network (SSRF): no loopback, private,
 * link-local, shared (carrier-grade NAT), unspecified or multicast address. A name is checked as written when a
 * subscription is saved, and resolved before each attempt. (A name that resolves differently between the check and
 * the connection is not caught: the JDK client resolves again; a deployment that needs that too sends its webhooks
 * through an egress proxy.)
 */
@ApplicationScoped
public class WebhookTargets {

    private final boolean allowPrivate;

    @Inject
    public WebhookTargets(DealRoomConfig config) {
        this(config.webhooks().allowPrivateTargets());
    }

    WebhookTargets(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why this URL is refused as it is written (a field error code), or empty when it may be saved. */
    public Optional<String> refusal(String url) {
        return malformed(url).or(() -> {
            String host = URI.create(url).getHost().toLowerCase(Locale.ROOT);
            boolean local = host.equals("localhost") || host.endsWith(".localhost") || literalIsPrivate(host);
            return !allowPrivate && local ? Optional.of("url-private") : Optional.empty();
        });
    }

    /**
     * Why this is no absolute {@code http} or {@code https} URL with a host and without credentials or fragment (a
     * field error code), wherever it points: the installation's own webhook may point inside its network.
     */
    public Optional<String> malformed(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("url-invalid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("url-scheme");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of("url-invalid");
        }
        return Optional.empty();
    }

    /**
     * Why this URL may not be called now, resolved, or empty when it may; the refusal is final (no retry would
     * change it but a change of the name's addresses).
     */
    public Optional<String> refusalToCall(URI uri) {
        Optional<String> asWritten = refusal(uri.toString());
        if (asWritten.isPresent()) {
            return Optional.of("The URL is not allowed: " + asWritten.get());
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (isPrivate(address)) {
                    return Optional.of("The host " + uri.getHost() + " resolves to a private address");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.empty(); // the call itself fails, and is tried again: a name may come back
        }
        return Optional.empty();
    }

    private static boolean literalIsPrivate(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.contains(":") && !literal.matches("[0-9.]+")) {
            return false; // a name, not an address: resolved before each call
        }
        try {
            return isPrivate(InetAddress.getByName(literal)); // a literal: no lookup
        } catch (UnknownHostException e) {
            return true;
        }
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || first == 100 && second >= 64 && second < 128 || first >= 240
                    || first == 198 && (second == 18 || second == 19) // benchmarking, 198.18.0.0/15
                    || first == 192 && second == 0 && bytes[2] == 0; // IETF protocol assignments, 192.0.0.0/24
        }
        if ((bytes[0] & 0xfe) == 0xfc) {
            return true; // unique local, fc00::/7
        }
        // An IPv6 address that carries an IPv4 one reaches it through a translator or a tunnel: judge the IPv4 one.
        return embeddedIpv4(bytes).map(WebhookTargets::isPrivate).orElse(false);
    }

    /** The IPv4 address inside NAT64 (64:ff9b::/96), 6to4 (2002::/16) and IPv4-compatible (::/96) addresses. */
    private static Optional<InetAddress> embeddedIpv4(byte[] v6) {
        int from;
        if (v6[0] == 0x00 && v6[1] == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b
                && Arrays.equals(v6, 4, 12, new byte[8], 0, 8)) {
            from = 12;
        } else if (v6[0] == 0x20 && v6[1] == 0x02) {
            from = 2;
        } else if (Arrays.equals(v6, 0, 12, new byte[12], 0, 12)) {
            from = 12;
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(v6, from, from + 4)));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
