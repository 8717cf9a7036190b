package dev.dealroom.bench;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

/** The Markdown of {@code docs/benchmarks.md}: the targets met or missed first, then one section per scenario. */
final class Report {

    private record Check(String what, String target, String measured, boolean met) {
    }

    private final List<Check> checks = new ArrayList<>();
    private final StringBuilder sections = new StringBuilder();

    void check(String what, String target, String measured, boolean met) {
        checks.add(new Check(what, target, measured, met));
    }

    void section(String title, String text) {
        sections.append("\n## ").append(title).append("\n\n");
        if (!text.isBlank()) {
            sections.append(text.strip()).append("\n\n");
        }
    }

    void paragraph(String text) {
        sections.append(text.strip()).append("\n\n");
    }

    void table(List<String> headers, List<List<String>> rows) {
        sections.append("| ").append(String.join(" | ", headers)).append(" |\n|");
        headers.forEach(header -> sections.append("---|"));
        sections.append('\n');
        for (List<String> row : rows) {
            sections.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        sections.append('\n');
    }

    String targets() {
        StringBuilder table = new StringBuilder("| target | goal | measured | |\n|---|---|---|---|\n");
        for (Check check : checks) {
            table.append("| ").append(check.what()).append(" | ").append(check.target()).append(" | ")
                    .append(check.measured()).append(" | ").append(check.met() ? "met" : "**missed**").append(" |\n");
        }
        return table.toString();
    }

    String sections() {
        return sections.toString();
    }

    /** Milliseconds with a precision that suits the value. */
    static String ms(double millis) {
        if (millis >= 100) {
            return String.format("%.0f", millis);
        }
        return millis >= 10 ? String.format("%.1f", millis) : String.format("%.2f", millis);
    }

    /** p50, p95, p99 and max of a histogram of microseconds, as milliseconds. */
    static List<String> percentiles(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return List.of("–", "–", "–", "–");
        }
        return List.of(ms(p(micros, 50)), ms(p(micros, 95)), ms(p(micros, 99)), ms(micros.getMaxValue() / 1000.0));
    }

    static double p(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** A ratio, as "3.2×"; a dash when either side is missing. */
    static String times(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio) || ratio <= 0) {
            return "–";
        }
        if (ratio >= 100) {
            return String.format("%.0f×", ratio);
        }
        return ratio >= 10 ? String.format("%.1f×", ratio) : String.format("%.2f×", ratio);
    }

    static String count(double value) {
        return String.format("%,.0f", value);
    }
}
