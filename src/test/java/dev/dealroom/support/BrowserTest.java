package dev.dealroom.support;

import java.net.URL;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * A test class that drives the page in Chromium: one {@link Browsers} for the whole class, started before its first
 * test (the server's address is known only then) and closed after its last.
 */
public abstract class BrowserTest {

    protected static Browsers browsers;

    @TestHTTPResource("/")
    protected URL root;

    @BeforeEach
    protected void startBrowser() {
        if (browsers == null) {
            browsers = new Browsers(root.toString());
        }
    }

    @AfterAll
    protected static void closeBrowser() {
        if (browsers != null) {
            browsers.close();
            browsers = null;
        }
    }
}
