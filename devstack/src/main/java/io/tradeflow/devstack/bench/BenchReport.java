package io.tradeflow.devstack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Collects results of one run and presents them as a table for people and as JSON for comparisons. */
public final class BenchReport {
    private static final String ROW = "%-10s %-52s %12s %9s %9s %9s %9s%n";

    private final List<BenchResult> results = new ArrayList<>();
    private final Map<String, Object> environment = new LinkedHashMap<>();

    public BenchReport() {
        environment.put("time", OffsetDateTime.now().toString());
        environment.put("cores", Runtime.getRuntime().availableProcessors());
        environment.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        environment.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    public void environment(String key, Object value) {
        environment.put(key, value);
    }

    public void add(List<BenchResult> more) {
        results.addAll(more);
    }

    public List<BenchResult> results() {
        return List.copyOf(results);
    }

    public void printTable(PrintStream out) {
        out.printf(ROW, "subject", "measurement", "ops/s", "MB/s", "p50 ms", "p99 ms", "p99.9 ms");
        out.println("-".repeat(116));
        for (BenchResult r : results) {
            out.printf(ROW, r.subject(), r.measurement(), number(r.opsPerSecond(), "%,.0f"),
                    number(r.mbPerSecond(), "%.1f"), number(r.p50Ms(), "%.3f"), number(r.p99Ms(), "%.3f"),
                    number(r.p999Ms(), "%.3f"));
        }
    }

    public void writeJson(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("environment", environment);
        document.put("results", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
    }

    private static String number(Double value, String format) {
        return value == null ? "" : String.format(format, value);
    }
}
