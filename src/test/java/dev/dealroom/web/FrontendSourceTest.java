package dev.dealroom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Rules for the page's source that a browser test could only sample: user text goes into the DOM as text (no
 * API that parses markup), and nothing needs an inline script or style that the Content-Security-Policy refuses.
 */
class FrontendSourceTest {

    private static final Path FRONTEND = Path.of("frontend");
    private static final Pattern MARKUP_SINKS = Pattern.compile(
            "innerHTML|outerHTML|insertAdjacentHTML|document\\.write|createContextualFragment|\\beval\\(|new Function\\(");
    private static final Pattern INLINE = Pattern.compile("<script>|<script(?![^>]*\\bsrc=)[^>]*>|\\son[a-z]+=|style=");

    @Test
    void scriptsNeverParseMarkup() throws IOException {
        List<Path> scripts = files(".js");
        assertFalse(scripts.isEmpty());
        for (Path script : scripts) {
            assertEquals(List.of(), matches(script, MARKUP_SINKS), script.toString());
        }
    }

    @Test
    void pagesHaveNoInlineScriptsHandlersOrStyles() throws IOException {
        List<Path> pages = files(".html");
        assertFalse(pages.isEmpty());
        for (Path page : pages) {
            assertEquals(List.of(), matches(page, INLINE), page.toString());
        }
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(FRONTEND)) {
            return files.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static List<String> matches(Path file, Pattern pattern) throws IOException {
        return pattern.matcher(Files.readString(file)).results().map(match -> match.group()).toList();
    }
}
