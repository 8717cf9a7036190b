package dev.dealroom.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.microsoft.playwright.Page;

/**
 * Checks a page with axe-core, the accessibility engine the browser tests carry (its script comes in a test-scoped
 * Maven jar, so nothing is downloaded at test time): any violation of impact "serious" or "critical" fails, listed
 * with the rule, what it asks for and the elements that break it. The script is evaluated through the browser's
 * debugging protocol, which the page's Content-Security-Policy does not govern, so the policy stays as it ships.
 */
public final class Accessibility {

    private static final Set<String> FAILING = Set.of("serious", "critical");
    private static final String AXE = load("axe.min.js");

    /** The rule sets run: WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices. */
    private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice");

    private Accessibility() {
    }

    /** Fails with a readable list when {@code page} as it is now has a serious or critical violation. */
    public static void assertNoSeriousViolations(Page page, String screen) {
        List<String> found = seriousViolations(page, screen);
        if (!found.isEmpty()) {
            fail(String.join("\n", found));
        }
    }

    /** The serious and critical violations of {@code page} as it is now, one readable paragraph each. */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(Page page, String screen) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.evaluate(AXE);
        }
        Object result = page.evaluate("tags => axe.run(document, { runOnly: { type: 'tag', values: tags },"
                + " resultTypes: ['violations'] }).then(r => r.violations.map(v => ({ id: v.id, impact: v.impact,"
                + " help: v.help, nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary })) })))",
                TAGS);
        List<String> found = new ArrayList<>();
        for (Map<String, Object> violation : (List<Map<String, Object>>) result) {
            if (!FAILING.contains(String.valueOf(violation.get("impact")))) {
                continue;
            }
            StringBuilder text = new StringBuilder()
                    .append(screen).append(": ").append(violation.get("impact")).append(' ')
                    .append(violation.get("id")).append(" (").append(violation.get("help")).append(')');
            for (Map<String, Object> node : (List<Map<String, Object>>) violation.get("nodes")) {
                text.append("\n    ").append(node.get("target")).append(": ")
                        .append(String.valueOf(node.get("summary")).replace("\n", " "));
            }
            found.add(text.toString());
        }
        return found;
    }

    private static String load(String resource) {
        try (InputStream in = Accessibility.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path (com.deque.html.axe-core:playwright)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
