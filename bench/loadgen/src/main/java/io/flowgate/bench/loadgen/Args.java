package io.flowgate.bench.loadgen;

import java.time.Duration;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code --name value} and {@code --flag} options after a sub-command. */
public final class Args {

    private final Map<String, String> values = new HashMap<>();

    public Args(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                values.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                values.put(name, args.get(++i));
            } else {
                values.put(name, "true");
            }
        }
    }

    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    public int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    public double number(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    /** A comma-separated list of numbers, e.g. {@code --e2e-sustain 2000,2500,3000}. */
    public List<Double> numbers(String name, List<Double> fallback) {
        return values.containsKey(name) ? words(name).stream().map(Double::parseDouble).toList() : fallback;
    }

    /** A comma-separated list, e.g. {@code --leave-out trigger,events}; empty when not given. */
    public List<String> words(String name) {
        return Arrays.stream(values.getOrDefault(name, "").split(",")).map(String::trim).filter(word -> !word.isEmpty()).toList();
    }

    public Duration seconds(String name, double fallback) {
        return Duration.ofMillis((long) (number(name, fallback) * 1000));
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }
}
