package dev.dealroom.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import javax.imageio.ImageIO;

/** The report's picture: grouped bar panels (linear or logarithmic), drawn with Java2D into one PNG. */
final class Chart {

    /** One panel: categories along x, one bar per series in each, a dashed line at {@code threshold} if > 0. */
    record Panel(String title, String unit, List<String> categories, List<String> series, double[][] values,
            boolean logarithmic, double threshold) {
    }

    private static final Color[] COLOURS = {new Color(0x4C78A8), new Color(0xF58518), new Color(0xE45756),
        new Color(0x72B7B2)};
    private static final int PANEL_WIDTH = 520;
    private static final int HEIGHT = 440;

    private Chart() {
    }

    static void write(Path file, String caption, List<Panel> panels) throws IOException {
        BufferedImage image = new BufferedImage(PANEL_WIDTH * panels.size(), HEIGHT + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            draw(g, panels.get(i), i * PANEL_WIDTH);
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(caption, 10, HEIGHT + 20);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void draw(Graphics2D g, Panel panel, int left) {
        int x0 = left + 60;
        int x1 = left + PANEL_WIDTH - 20;
        int y0 = HEIGHT - 70;
        int y1 = 50;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(panel.title(), left + 20, 25);
        double max = 0;
        double min = Double.MAX_VALUE;
        for (double[] row : panel.values()) {
            for (double value : row) {
                if (value > 0) {
                    max = Math.max(max, value);
                    min = Math.min(min, value);
                }
            }
        }
        max = Math.max(max, panel.threshold()) * 1.15;
        if (panel.threshold() > 0) {
            min = Math.min(min, panel.threshold()); // the target line stays inside the axis
        }
        double low = panel.logarithmic() ? Math.pow(10, Math.floor(Math.log10(Math.min(min, max / 10)))) : 0;
        double high = panel.logarithmic() ? Math.pow(10, Math.ceil(Math.log10(max))) : niceCeiling(max);
        DoubleUnaryOperator scale = panel.logarithmic()
                ? value -> y0 - (Math.log10(Math.max(value, low)) - Math.log10(low))
                        / (Math.log10(high) - Math.log10(low)) * (y0 - y1)
                : value -> y0 - value / high * (y0 - y1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        List<Double> ticks = new java.util.ArrayList<>();
        if (panel.logarithmic()) {
            for (double tick = low; tick <= high * 1.001; tick *= 10) {
                ticks.add(tick);
            }
        } else {
            for (int i = 0; i <= 5; i++) {
                ticks.add(high * i / 5);
            }
        }
        for (double tick : ticks) {
            int y = (int) scale.applyAsDouble(tick);
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(x0, y, x1, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(label(tick), left + 8, y + 4);
        }
        g.drawString(panel.unit(), left + 8, y1 - 12);
        int groups = panel.categories().size();
        int series = panel.series().size();
        double slot = (double) (x1 - x0) / Math.max(1, groups);
        double bar = slot * 0.8 / series;
        for (int c = 0; c < groups; c++) {
            for (int s = 0; s < series; s++) {
                double value = panel.values()[c][s];
                int x = (int) (x0 + c * slot + slot * 0.1 + s * bar);
                int top = (int) scale.applyAsDouble(Math.max(value, low));
                g.setColor(COLOURS[s % COLOURS.length]);
                g.fillRect(x, top, Math.max(1, (int) bar - 1), y0 - top);
            }
            g.setColor(Color.BLACK);
            String name = panel.categories().get(c);
            int width = g.getFontMetrics().stringWidth(name);
            g.drawString(name, (int) (x0 + c * slot + slot / 2 - width / 2.0), y0 + 16);
        }
        g.setColor(Color.BLACK);
        g.drawLine(x0, y0, x1, y0);
        g.drawLine(x0, y0, x0, y1);
        if (panel.threshold() > 0) {
            int y = (int) scale.applyAsDouble(panel.threshold());
            g.setColor(Color.RED);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            g.drawLine(x0, y, x1, y);
            g.setStroke(new BasicStroke());
            g.drawString("target " + label(panel.threshold()), x1 - 90, y - 4);
        }
        int x = x0;
        for (int s = 0; s < series; s++) {
            g.setColor(COLOURS[s % COLOURS.length]);
            g.fillRect(x, HEIGHT - 40, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(panel.series().get(s), x + 16, HEIGHT - 30);
            x += Math.max(110, 16 + g.getFontMetrics().stringWidth(panel.series().get(s)) + 14);
        }
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1e-9))));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String label(double value) {
        if (value >= 1000) {
            return String.format("%.0fk", value / 1000);
        }
        return value >= 1 || value == 0 ? String.format("%.0f", value) : String.format("%.1f", value);
    }
}
