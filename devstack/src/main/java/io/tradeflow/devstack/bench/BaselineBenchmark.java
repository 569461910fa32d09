package io.tradeflow.devstack.bench;

import java.nio.file.Path;
import java.util.List;

import io.tradeflow.devstack.stack.Console;
import io.tradeflow.devstack.stack.StackLayout;

/**
 * {@code ./tradeflow bench baseline}: measures raw Kafka, PostgreSQL and HTTP on this machine in one run,
 * prints a table and writes {@code <data>/bench/baseline.json}. Later benchmarks add their subject to
 * {@link #benchmarks()} so their figures come from the same run and can be read as ratios.
 */
public final class BaselineBenchmark {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static List<Benchmark> benchmarks() {
        return List.of(new KafkaBaseline(), new PostgresBaseline(), new HttpBaseline());
    }

    public static int run(String[] args) {
        BenchSettings settings = BenchSettings.parse(args);
        StackLayout layout = StackLayout.fromEnvironment();
        Path json = layout.bench().resolve("baseline.json");
        BenchReport report = new BenchReport();
        report.environment("settings", settings.asMap());
        Console.step("starting a scratch Kafka and PostgreSQL for the benchmark under " + layout.bench().resolve("work"));
        try (BenchEnvironment env = BenchEnvironment.start(layout.bench().resolve("work"), settings)) {
            for (Benchmark benchmark : benchmarks()) {
                Console.step("measuring " + benchmark.subject());
                report.add(benchmark.run(env));
            }
        } catch (Exception e) {
            Console.error("benchmark failed: " + e);
            e.printStackTrace();
            return 1;
        }
        System.out.println();
        report.printTable(System.out);
        try {
            report.writeJson(json);
            System.out.println("\nJSON: " + json);
        } catch (Exception e) {
            Console.error("cannot write " + json + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private BaselineBenchmark() {
    }
}
