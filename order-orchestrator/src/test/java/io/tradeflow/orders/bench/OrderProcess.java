package io.tradeflow.orders.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tradeflow.testinfra.TestTokens;

/**
 * The packaged order-orchestrator ({@code quarkus-run.jar}) as its own JVM pointed at the bench's Kafka,
 * PostgreSQL and pricing/inventory stub; it trusts the testinfra key pair so the bench can mint tokens.
 * Same approach as inventory-service's bench InventoryProcess. The restart test uses it too: it is the only way
 * to kill the service for real (SIGKILL) and start it again against the same broker and database.
 */
public final class OrderProcess implements AutoCloseable {
    private final Process process;
    public final Path log;
    public final String baseUrl;
    public double startupSeconds;

    private OrderProcess(Process process, Path log, String baseUrl) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
    }

    static OrderProcess start(Path jar, Path workDir, Map<String, String> env) throws Exception {
        // Tuning experiments without a rebuild, e.g. -Dtradeflow.outbox.poll-interval-ms=50
        String serviceOptions = System.getProperty("bench.service-opts", "").trim();
        return start(jar, workDir, env, serviceOptions.isEmpty() ? List.of() : List.of(serviceOptions.split("\\s+")));
    }

    public static OrderProcess start(Path jar, Path workDir, Map<String, String> env, List<String> jvmOptions)
            throws Exception {
        Files.createDirectories(workDir);
        Path publicKey = workDir.resolve("jwt-public.pem");
        try (InputStream pem = OrderProcess.class.getClassLoader().getResourceAsStream("testinfra-jwt-public.pem")) {
            Files.write(publicKey, pem.readAllBytes());
        }
        int port = freePort();
        Path log = workDir.resolve("order-orchestrator.log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                // Appended, so a restarted service continues the log of the one that was killed.
                .redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("JWT_PUBLIC_KEY_LOCATION", publicKey.toString());
        builder.environment().put("JWT_ISSUER", TestTokens.ISSUER);
        builder.environment().put("JWT_AUDIENCE", TestTokens.AUDIENCE);
        // The token the saga's REST clients send to pricing/inventory (the stub does not check it).
        builder.environment().put("TRADEFLOW_SERVICE_TOKEN", TestTokens.forRole("service"));
        long started = System.nanoTime();
        OrderProcess service = new OrderProcess(builder.start(), log, "http://127.0.0.1:" + port);
        service.startupSeconds = service.awaitReady(started);
        return service;
    }

    private double awaitReady(long started) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = started + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("order-orchestrator exited; see " + log);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return (System.nanoTime() - started) / 1e9;
                }
            } catch (IOException notListeningYet) {
                // the HTTP server is not up yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("order-orchestrator not ready after 90 s; see " + log);
    }

    /** CPU time the service process has used so far, all threads (GC and JIT included). */
    public Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /**
     * The service's CPU clock ticks so far by kind of thread (JIT compiler, GC, the rest), from /proc on Linux; empty
     * elsewhere. Why: over a run of a few hundred orders the JIT compiler threads are still busy with the service's
     * code, a warm-up cost that says nothing about what an order costs once compiled; the split keeps it apart.
     */
    public Map<String, Long> ticksByThreadKind() {
        Map<String, Long> ticks = new java.util.TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        try (var threads = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) threads::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    String stat = Files.readString(task.resolve("stat"));
                    // Fields after the parenthesised name: state is field 3, utime 14 and stime 15 of the whole line.
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    String kind = comm.contains("CompilerThre") ? "jit" : comm.startsWith("GC Thread")
                            || comm.startsWith("G1 ") || comm.equals("VM Thread") ? "gc" : "work";
                    ticks.merge(kind, used, Long::sum);
                } catch (IOException | RuntimeException threadEnded) {
                    // a thread that ended meanwhile: its ticks are gone from /proc, so are its earlier ones
                }
            }
        } catch (IOException notLinux) {
            return Map.of();
        }
        return ticks;
    }

    /** The service's process, for what measures it from outside (e.g. testinfra's JitSettling). */
    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no graceful consumer close, no last offset commit, as in a node loss. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("order-orchestrator survived SIGKILL for 30 s");
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
