package dev.dealroom.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Where a webhook may point: the rules alone, no container. */
class WebhookTargetsTest {

    private final WebhookTargets production = new WebhookTargets(false);
    private final WebhookTargets tests = new WebhookTargets(true);

    @Test
    void onlyAbsoluteHttpUrlsWithoutCredentialsOrFragment() {
        assertEquals(Optional.empty(), production.refusal("https://crm.example.com/hooks/dealroom?team=emea"));
        assertEquals(Optional.empty(), production.refusal("http://crm.example.com:8080/hooks"));
        assertEquals(Optional.of("url-scheme"), production.refusal("ftp://crm.example.com/hooks"));
        assertEquals(Optional.of("url-scheme"), production.refusal("file:///etc/passwd"));
        assertEquals(Optional.of("url-scheme"), production.refusal("/relative/path"));
        assertEquals(Optional.of("url-invalid"), production.refusal("https://user:secret@crm.example.com/"));
        assertEquals(Optional.of("url-invalid"), production.refusal("https://crm.example.com/#part"));
        assertEquals(Optional.of("url-invalid"), production.refusal("https:///no-host"));
        assertEquals(Optional.of("url-invalid"), production.refusal("not a url"));
    }

    @Test
    void addressesInsideTheServersNetworkAreRefusedUnlessAllowed() {
        for (String url : new String[] { "http://localhost:8080/", "http://api.localhost/", "http://127.0.0.1/",
                "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest/",
                "http://100.64.0.1/", "http://0.0.0.0/", "http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/",
                "http://[::ffff:127.0.0.1]/", "http://224.0.0.1/" }) {
            assertEquals(Optional.of("url-private"), production.refusal(url), url);
            assertEquals(Optional.empty(), tests.refusal(url), url);
        }
        assertEquals(Optional.empty(), production.malformed("http://10.1.2.3/operator"), "the installation's may");
        assertEquals(Optional.of("url-scheme"), production.malformed("ftp://10.1.2.3/operator"));
        assertEquals(Optional.empty(), production.refusal("http://8.8.8.8/"));
        assertEquals(Optional.empty(), production.refusal("http://[2001:db8::1]/"));
    }

    /** Ranges that reach inside through a translator, a tunnel or a reserved block, and their public neighbours. */
    @Test
    void addressesThatCarryAPrivateOneOrAreReservedAreRefused() throws Exception {
        for (String inside : new String[] { "64:ff9b::a00:1", "64:ff9b::7f00:1", "2002:c0a8:0101::1", "::10.0.0.1",
                "198.18.0.1", "198.19.255.254", "192.0.0.8" }) {
            assertTrue(WebhookTargets.isPrivate(InetAddress.getByName(inside)), inside);
        }
        for (String outside : new String[] { "64:ff9b::808:808", "2002:0808:0808::1", "198.20.0.1", "192.0.2.1",
                "2001:db8::1" }) {
            assertEquals(false, WebhookTargets.isPrivate(InetAddress.getByName(outside)), outside);
        }
    }

    @Test
    void aNameIsResolvedBeforeEachCall() throws Exception {
        assertTrue(production.refusalToCall(URI.create("http://localhost/")).isPresent());
        assertTrue(WebhookTargets.isPrivate(InetAddress.getByName("127.0.0.2")));
        assertEquals(Optional.empty(), tests.refusalToCall(URI.create("http://localhost/")));
    }
}
