package io.tradeflow.testinfra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU time used so far by the processes of one benchmark run, read from /proc: the service under test (and within
 * it its JIT compiler threads, which on a loaded box are still compiling long after warm-up), the embedded
 * PostgreSQL (every postgres process of the server the benchmark uses) and this JVM (the Kafka broker, the clients,
 * the consumers). On a shared machine these stay meaningful when rates do not, and they show where an operation's
 * CPU goes.
 */
public record CpuShares(Duration service, Duration serviceJit, Duration postgres, Duration bench) {
    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ is 100 on Linux

    public static CpuShares now(Process service) {
        long pid = service.pid();
        // pg_ctl daemonises the postmaster, so it is no descendant of this JVM: found from a backend's parent, and
        // read from /proc because it may run in its own user namespace, where ProcessHandle.info() sees nothing.
        long postgresTicks = 0;
        long postmaster = postmaster();
        if (postmaster > 0) {
            try (Stream<Path> all = Files.list(Path.of("/proc"))) {
                postgresTicks = all.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .mapToLong(p -> {
                            try {
                                long process = Long.parseLong(p.getFileName().toString());
                                return process == postmaster || parent(p) == postmaster ? ticks(p) : 0;
                            } catch (Exception gone) {
                                return 0;
                            }
                        }).sum();
            } catch (Exception noProc) {
                postgresTicks = 0;
            }
        }
        Duration postgres = Duration.ofNanos((long) (postgresTicks * TICK_NANOS));
        return new CpuShares(service.toHandle().info().totalCpuDuration().orElse(Duration.ZERO), jit(pid), postgres,
                ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
    }

    /** utime + stime of the process's "C1/C2 CompilerThread" tasks. */
    private static Duration jit(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            long ticks = tasks.mapToLong(task -> {
                try {
                    if (!Files.readString(task.resolve("comm")).startsWith("C")
                            || !Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        return 0;
                    }
                    return ticks(task);
                } catch (Exception gone) {
                    return 0;
                }
            }).sum();
            return Duration.ofNanos((long) (ticks * TICK_NANOS));
        } catch (Exception noProc) {
            return Duration.ZERO;
        }
    }

    /** The embedded PostgreSQL's postmaster: the parent of this bench's own session's backend. */
    private static long postmaster() {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://"
                + io.tradeflow.testinfra.EmbeddedServers.pgHost() + ":" + io.tradeflow.testinfra.EmbeddedServers.pgPort()
                + "/postgres", "postgres", io.tradeflow.testinfra.EmbeddedServers.pgPassword());
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return parent(Path.of("/proc", Long.toString(rs.getLong(1))));
        } catch (Exception e) {
            return -1;
        }
    }

    private static long parent(Path proc) throws java.io.IOException {
        String stat = Files.readString(proc.resolve("stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    }

    /** utime + stime of a process or task directory under /proc, in clock ticks. */
    private static long ticks(Path proc) throws java.io.IOException {
        String stat = Files.readString(proc.resolve("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Milliseconds per operation of each share between {@code before} and this snapshot. */
    public String perOperation(CpuShares before, int operations, String serviceName) {
        return String.format(Locale.ROOT, "%s %.3f ms (of which JIT compiler threads %.3f ms), postgres %.3f ms, "
                        + "bench JVM (Kafka broker, clients, consumers) %.3f ms", serviceName,
                ms(service.minus(before.service), operations), ms(serviceJit.minus(before.serviceJit), operations),
                ms(postgres.minus(before.postgres), operations), ms(bench.minus(before.bench), operations));
    }

    public double serviceMillisPerOperation(CpuShares before, int operations) {
        return ms(service.minus(before.service), operations);
    }

    public double serviceWithoutJitMillisPerOperation(CpuShares before, int operations) {
        return ms(service.minus(before.service).minus(serviceJit.minus(before.serviceJit)), operations);
    }

    private static double ms(Duration d, int operations) {
        return d.toNanos() / 1e6 / operations;
    }
}
