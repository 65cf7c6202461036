package io.flowgate.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads configuration values: environment variables, over an optional properties file named by
 * {@code FLOWGATE_CONFIG_FILE} with the same keys. Every accessor validates, and a bad value is a
 * {@link ConfigException} naming the variable.
 */
final class Settings {

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
