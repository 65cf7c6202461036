package io.flowgate.bench.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** PNG charts drawn with Java2D (headless): throughput bars per scenario and latency-percentile curves. */
final class Charts {

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    static String label(JsonNode r) {
        return r.path("system").asText() + " / " + r.path("mode").asText() + " / " + r.path("variant").asText();
    }

    static Color color(String system) {
        return switch (system) {
            case "flowgate" -> new Color(0x1f77b4);
            case "ceiling-http", "ceiling-amqp" -> new Color(0x7f7f7f);
            case "n8n" -> new Color(0xd62728);
            case "node-red" -> new Color(0x8c564b);
            default -> new Color(0x2ca02c);
        };
    }

    /** One panel per scenario, one horizontal bar per result, each panel on its own scale and unit. */
    static void throughput(List<JsonNode> results, Path file) throws IOException {
        Map<String, List<JsonNode>> byScenario = new LinkedHashMap<>();
        results.stream().filter(r -> !r.has("skipped") && r.path("throughput").asDouble() > 0)
                .forEach(r -> byScenario.computeIfAbsent(r.path("scenario").asText(), k -> new java.util.ArrayList<>()).add(r));
        int rowHeight = 24;
        int width = 1100;
        int labelWidth = 380;
        int height = 40 + byScenario.values().stream().mapToInt(l -> 40 + l.size() * rowHeight).sum();
        BufferedImage image = new BufferedImage(width, Math.max(height, 120), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        g.setFont(TITLE);
        g.drawString("Throughput (higher is better; each panel has its own scale)", 10, 24);
        int y = 40;
        for (Map.Entry<String, List<JsonNode>> panel : byScenario.entrySet()) {
            g.setFont(TITLE);
            g.setColor(Color.BLACK);
            g.drawString(panel.getKey(), 10, y + 22);
            y += 32;
            double max = panel.getValue().stream().mapToDouble(r -> r.path("throughput").asDouble()).max().orElse(1);
            for (JsonNode r : panel.getValue()) {
                double value = r.path("throughput").asDouble();
                int bar = (int) ((width - labelWidth - 170) * value / max);
                g.setFont(LABEL);
                g.setColor(Color.DARK_GRAY);
                g.drawString(label(r), 20, y + 16);
                g.setColor(color(r.path("system").asText()));
                g.fillRect(labelWidth, y + 3, Math.max(bar, 1), rowHeight - 6);
                g.setColor(Color.BLACK);
                g.drawString("%,.0f %s".formatted(value, r.path("unit").asText()), labelWidth + bar + 6, y + 16);
                y += rowHeight;
            }
            y += 8;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** Latency by percentile: x = percentile on a log scale of 1/(1-p), y = milliseconds on a log scale. */
    static void latency(String scenario, List<JsonNode> results, Path file) throws IOException {
        int width = 1100;
        int height = 640;
        int left = 80;
        int right = 360;
        int top = 50;
        int bottom = 60;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        g.setFont(TITLE);
        g.drawString("Latency by percentile: " + scenario + " (lower is better)", 10, 24);
        double maxX = 4; // 99.99%
        double minY = 0.1;
        double maxY = 10;
        for (JsonNode r : results) {
            for (JsonNode p : r.path("curve")) {
                maxY = Math.max(maxY, p.get(1).asDouble());
            }
        }
        double logMinY = Math.log10(minY);
        double logMaxY = Math.ceil(Math.log10(maxY));
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        g.setFont(LABEL);
        for (int decade = (int) logMinY; decade <= logMaxY; decade++) {
            int yy = top + plotH - (int) (plotH * (decade - logMinY) / (logMaxY - logMinY));
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, yy, left + plotW, yy);
            g.setColor(Color.DARK_GRAY);
            double ms = Math.pow(10, decade);
            g.drawString(ms < 1 ? "%.1f ms".formatted(ms) : "%,.0f ms".formatted(ms), 10, yy + 4);
        }
        String[] ticks = {"0%", "90%", "99%", "99.9%", "99.99%"};
        for (int i = 0; i <= 4; i++) {
            int xx = left + (int) (plotW * i / maxX);
            g.setColor(new Color(0xdddddd));
            g.drawLine(xx, top, xx, top + plotH);
            g.setColor(Color.DARK_GRAY);
            g.drawString(ticks[i], xx - 12, top + plotH + 18);
        }
        g.drawString("percentile", left + plotW / 2 - 30, top + plotH + 40);
        g.setColor(Color.BLACK);
        g.drawRect(left, top, plotW, plotH);
        int index = 0;
        g.setStroke(new BasicStroke(2f));
        for (JsonNode r : results) {
            Color color = PALETTE[index % PALETTE.length];
            g.setColor(color);
            int prevX = -1;
            int prevY = -1;
            for (JsonNode p : r.path("curve")) {
                double percentile = Math.min(p.get(0).asDouble(), 99.99);
                double x = Math.log10(1 / (1 - percentile / 100.0));
                double ms = Math.max(minY, p.get(1).asDouble());
                int px = left + (int) (plotW * Math.min(x, maxX) / maxX);
                int py = top + plotH - (int) (plotH * (Math.log10(ms) - logMinY) / (logMaxY - logMinY));
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, px, py);
                }
                prevX = px;
                prevY = py;
            }
            int ly = top + 10 + index * 20;
            g.fillRect(left + plotW + 15, ly, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(label(r), left + plotW + 35, ly + 10);
            index++;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        return g;
    }
}
