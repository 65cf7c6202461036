package io.flowgate.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads configuration values: environment variables, over an optional properties file named by
 * {@code FLOWGATE_CONFIG_FILE} with the same keys. Every accessor validates, and a bad value is a
 * {@link ConfigException} naming the variable.
 */
final class Settings {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    static Settings from(Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        String file = environment.get("FLOWGATE_CONFIG_FILE");
        if (file != null && !file.isBlank()) {
            values.putAll(readFile(Path.of(file)));
        }
        environment.forEach((key, value) -> {
            if (key.startsWith("FLOWGATE_")) {
                values.put(key, value);
            }
        });
        return new Settings(values);
    }

    String text(String name, String fallback) {
        String value = values.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    String optional(String name) {
        return text(name, null);
    }

    int integer(String name, int fallback, int min, int max) {
        String value = optional(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
        }
    }

    long bytes(String name, long fallback) {
        String value = optional(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a positive number of bytes, got '" + value + "'");
        }
    }

    Duration days(String name, int fallbackDays) {
        return Duration.ofDays(integer(name, fallbackDays, 1, 36_500));
    }

    /** A duration written as a number and a unit: {@code 250ms}, {@code 5s}, {@code 30m}, {@code 2h}, {@code 5d}. */
    Duration duration(String name, Duration fallback) {
        String value = optional(name);
        return value == null ? fallback : parseDuration(name, value);
    }

    /** A comma list of durations, e.g. {@code 5s,5m,30m}; empty means none. */
    List<Duration> durations(String name, List<Duration> fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty())
                .map(item -> parseDuration(name, item)).toList();
    }

    private static Duration parseDuration(String name, String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new ConfigException(name + " must be durations such as 250ms, 5s, 30m, 2h or 5d, got '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    boolean flag(String name, boolean fallback) {
        String value = optional(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false, got '" + value + "'");
        };
    }

    String oneOf(String name, String fallback, Set<String> allowed) {
        String value = text(name, fallback).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new ConfigException(name + " must be one of " + String.join(", ", allowed.stream().sorted().toList())
                    + ", got '" + value + "'");
        }
        return value;
    }

    String uri(String name, String requiredScheme) {
        String value = optional(name);
        if (value == null) {
            return null;
        }
        try {
            URI parsed = URI.create(value);
            if (parsed.getScheme() == null || !parsed.getScheme().startsWith(requiredScheme)) {
                throw new IllegalArgumentException();
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " must be a " + requiredScheme + ":// URI, got '" + value + "'");
        }
    }

    String jdbcUrl(String name) {
        String value = optional(name);
        if (value != null && !value.startsWith("jdbc:")) {
            throw new ConfigException(name + " must be a JDBC URL such as jdbc:postgresql://host:5432/flowgate, got '" + value + "'");
        }
        return value;
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ConfigException("FLOWGATE_CONFIG_FILE names a file that cannot be read: " + file);
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }
}
