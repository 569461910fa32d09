package io.tradeflow.devstack.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the local stack keeps its state. One folder holds everything (PostgreSQL data, Kafka logs, keys,
 * pid files, logs) so that a user can see it, back it up or delete it, and so that a later run can find
 * what an earlier, killed run left behind.
 */
public record StackLayout(Path root, Path repoRoot) {

    public static StackLayout fromEnvironment() {
        String data = System.getenv("TRADEFLOW_DATA");
        Path root = data != null && !data.isBlank()
                ? Path.of(data)
                : Path.of(System.getProperty("user.home"), ".tradeflow");
        String repo = System.getenv("TRADEFLOW_ROOT");
        Path repoRoot = repo != null && !repo.isBlank() ? Path.of(repo) : Path.of("");
        return new StackLayout(root.toAbsolutePath().normalize(), repoRoot.toAbsolutePath().normalize());
    }

    public Path postgresData() {
        return root.resolve("pg");
    }

    /** PostgreSQL writes its postmaster pid here; a killed run's postgres is found through it. */
    public Path postmasterPidFile() {
        return postgresData().resolve("postmaster.pid");
    }

    public Path kafkaData() {
        return root.resolve("kafka");
    }

    public Path keys() {
        return root.resolve("keys");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path run() {
        return root.resolve("run");
    }

    /** Pid of the JVM that owns Kafka and PostgreSQL: the `demo` launcher or the `up` daemon. */
    public Path ownerPidFile() {
        return run().resolve("stack.pid");
    }

    public Path servicePidFile(String service) {
        return run().resolve(service + ".pid");
    }

    public Path serviceLog(String service) {
        return logs().resolve(service + ".log");
    }

    public Path daemonLog() {
        return logs().resolve("stack.log");
    }

    /** The services' class-data archives (AppCDS), one per service and JDK (ClassDataArchive). */
    public Path classData() {
        return root.resolve("class-data");
    }

    public Path bench() {
        return root.resolve("bench");
    }

    public StackLayout ensureCreated() {
        try {
            for (Path dir : new Path[] {root, keys(), logs(), run(), kafkaData()}) {
                Files.createDirectories(dir);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + root, e);
        }
    }
}
