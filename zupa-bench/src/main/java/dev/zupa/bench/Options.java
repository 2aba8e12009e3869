package dev.zupa.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The harness's {@code key=value} command-line arguments.
 *
 * @param values the parsed arguments, in the order given
 */
record Options(Map<String, String> values) {
    private static final Set<String> KNOWN = Set.of(
            "scenario",
            "store",
            "impl",
            "n",
            "runs",
            "warmup",
            "threads",
            "dir",
            "turns",
            "lg4jChannel",
            "payload",
            "rawN",
            "invokers",
            "sleepMs");

    Options {
        values = Map.copyOf(values);
    }

    static Options parse(String... args) {
        var values = new LinkedHashMap<String, String>();
        for (var arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value, got '" + arg + "'");
            }
            var key = arg.substring(0, eq);
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("unknown argument '" + key + "'; known: " + KNOWN);
            }
            values.put(key, arg.substring(eq + 1));
        }
        return new Options(values);
    }

    String text(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback) {
        var value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, was '" + value + "'", e);
        }
    }

    Path dir() {
        return Path.of(text("dir", System.getProperty("java.io.tmpdir") + "/zupa-bench"));
    }

    boolean includes(String impl) {
        var wanted = text("impl", "both");
        return wanted.equals("both") || wanted.equals(impl);
    }
}
