package io.tradeflow.devstack.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import io.tradeflow.devstack.stack.KafkaServer;
import io.tradeflow.devstack.stack.PostgresServer;
import io.vertx.core.Vertx;

/**
 * The servers and settings a benchmark run shares: a Kafka broker and a PostgreSQL server of its own
 * (fresh data, free loopback ports, so a running dev stack is neither disturbed nor disturbing), one
 * Vert.x instance, and the measurement lengths.
 */
public final class BenchEnvironment implements AutoCloseable {
    public static final String HOST = "127.0.0.1";

    private final Path workDir;
    private final KafkaServer kafka;
    private final PostgresServer postgres;
    private final Vertx vertx;
    private final BenchSettings settings;

    private BenchEnvironment(Path workDir, KafkaServer kafka, PostgresServer postgres, Vertx vertx,
                             BenchSettings settings) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.postgres = postgres;
        this.vertx = vertx;
        this.settings = settings;
    }

    public static BenchEnvironment start(Path workDir, BenchSettings settings) throws IOException {
        deleteRecursively(workDir);
        Files.createDirectories(workDir);
        PostgresServer pg = PostgresServer.start(HOST, freePort(), workDir.resolve("pg"), true,
                workDir.resolve("postgres.log"));
        KafkaServer kafka;
        try {
            kafka = KafkaServer.start(HOST, freePort(), freePort(), workDir.resolve("kafka"), true);
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
        return new BenchEnvironment(workDir, kafka, pg, Vertx.vertx(), settings);
    }

    public KafkaServer kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public Vertx vertx() {
        return vertx;
    }

    public BenchSettings settings() {
        return settings;
    }

    public Duration measure() {
        return settings.measure();
    }

    public Duration warmup() {
        return settings.warmup();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        kafka.close();
        postgres.close();
        deleteRecursively(workDir);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // leftovers of a benchmark scratch folder are harmless; the next run deletes them first
        }
    }
}
