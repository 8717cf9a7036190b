package dev.dealroom.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

import com.microsoft.playwright.Page;

/**
 * Checks that a screen fits its viewport's width, as on a 360-px phone: nothing sticks out sideways (so the page
 * never scrolls horizontally), no box scrolls sideways within itself except the strips made to (the tabs and the
 * room's group list: {@link #SCROLLING_STRIPS}), so no column or label is hidden off to the right, and no text,
 * including text in a scaled-down SVG, is drawn smaller than 11 px.
 */
public final class Layout {

    /** Boxes that scroll sideways on purpose: a row of tabs or of groups, each item whole, the rest a swipe away. */
    public static final String SCROLLING_STRIPS = ".tabs, .group-list";

    private static final String CHECK = """
            ({ strips, minFont }) => {
              const width = document.documentElement.clientWidth;
              const problems = [];
              const describe = (el) => {
                let name = el.tagName.toLowerCase();
                if (el.id) name += '#' + el.id;
                if (el.classList.length) name += '.' + [...el.classList].join('.');
                const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
                return text ? `${name} "${text}"` : name;
              };
              const hidden = (el) => el.closest('[hidden], .sr-only') || getComputedStyle(el).visibility === 'hidden';
              const clippedByAncestor = (el) => {
                for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
                  if (getComputedStyle(p).overflowX !== 'visible') return true;
                }
                return false;
              };
              for (const el of document.body.querySelectorAll('*')) {
                const box = el.getBoundingClientRect();
                if ((box.width === 0 && box.height === 0) || hidden(el)) continue;
                const style = getComputedStyle(el);
                if (box.right > 0 && (box.right > width + 1 || box.left < -1) && !clippedByAncestor(el)) {
                  problems.push(`${describe(el)} sticks out of the ${width}-px viewport (${Math.round(box.left)} to ${Math.round(box.right)})`);
                }
                if (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && !el.matches(strips)) {
                  problems.push(`${describe(el)} scrolls sideways: ${el.scrollWidth} px of content in ${el.clientWidth} px`);
                }
                const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
                if (ownText) {
                  const scale = el instanceof SVGGraphicsElement && el.getScreenCTM() ? Math.abs(el.getScreenCTM().a) : 1;
                  const size = parseFloat(style.fontSize) * scale;
                  if (size < minFont) problems.push(`${describe(el)} is drawn at ${size.toFixed(1)} px`);
                }
              }
              if (document.documentElement.scrollWidth > width + 1) {
                problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width}-px viewport`);
              }
              return problems;
            }""";

    private Layout() {
    }

    /** Fails with the offending elements when {@code page} does not fit its viewport's width. */
    public static void assertFitsTheWidth(Page page, String screen) {
        List<String> problems = problems(page, screen);
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    /** What does not fit, one line each, prefixed with {@code screen}. */
    @SuppressWarnings("unchecked")
    public static List<String> problems(Page page, String screen) {
        List<String> found = (List<String>) page.evaluate(CHECK, java.util.Map.of("strips", SCROLLING_STRIPS, "minFont", 11));
        return found.stream().map(problem -> screen + ": " + problem).toList();
    }
}
