package dev.dealroom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import dev.dealroom.support.BrowserTest;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The page's own words for time, run in the browser's module: a day count agrees with the server's sentences, which
 * count whole days elapsed ("silent for 11 days" beside "11 days ago", never "12 days ago").
 */
@QuarkusTest
class FormatTest extends BrowserTest {

    @Test
    void daysAgoCountWholeDaysElapsedAsTheServerDoes() {
        Page page = browsers.signIn(Person.random("format"));
        page.navigate("/");
        @SuppressWarnings("unchecked")
        List<String> said = (List<String>) page.evaluate("""
                async () => {
                  const { ago } = await import('/src/format.js');
                  const before = (days) => new Date(Date.now() - days * 86400000).toISOString();
                  return [ago(before(11.99)), ago(before(11.01)), ago(before(3.5))];
                }""");
        assertEquals(List.of("11 days ago", "11 days ago", "3 days ago"), said);
    }
}
