package dev.dealroom.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

/**
 * The system's Chromium (Debian's {@code chromium} package, which {@code .ci/run} installs), driven by
 * Playwright. Each signed-in person gets a browser context of their own: separate cookies, like two people on
 * two machines.
 */
public final class Browsers implements AutoCloseable {

    /** Overridable for machines that keep Chromium elsewhere. */
    private static final Path CHROMIUM = Path.of(System.getProperty("dealroom.chromium", "/usr/bin/chromium"));

    private final Playwright playwright;
    private final Browser browser;
    private final String baseUrl;

    public Browsers(String baseUrl) {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(CHROMIUM + " is missing: install Debian's chromium package (.ci/run does)");
        }
        this.baseUrl = baseUrl;
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    /** Signs {@code person} in through the provider's page, at a desktop size, and answers their page. */
    public Page signIn(Person person) {
        return signIn(person, 1280, 800);
    }

    public Page signIn(Person person, int width, int height) {
        return signInAt("/", person, "en-US", width, height);
    }

    /**
     * Signs {@code person} in with a browser whose language is {@code locale} ("fr-FR": the page starts in French,
     * its sign-in link reads "Se connecter").
     */
    public Page signIn(Person person, String locale, int width, int height) {
        return signInAt("/", person, locale, width, height);
    }

    /** Opens {@code path} signed out, as someone following a link would, and signs in from there. */
    public Page signInAt(String path, Person person) {
        return signInAt(path, person, "en-US", 1280, 800);
    }

    private Page signInAt(String path, Person person, String locale, int width, int height) {
        TestSignInPage.allow(person);
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(baseUrl)
                .setViewportSize(width, height)
                .setLocale(locale)
                .setAcceptDownloads(true));
        context.setDefaultTimeout(15_000);
        Page page = context.newPage();
        page.navigate(path);
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new Page.GetByRoleOptions().setName(locale.startsWith("fr") ? "Se connecter" : "Sign in")).click();
        page.getByLabel("Email").fill(person.email());
        page.getByText("Continue").click();
        page.locator(".who .me").waitFor();
        return page;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
