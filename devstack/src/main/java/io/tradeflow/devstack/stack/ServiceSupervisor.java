package io.tradeflow.devstack.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Starts the services, waits until each is ready while showing progress, and stops them. */
public final class ServiceSupervisor {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final StackLayout layout;
    private final List<ServiceProcess> running = new ArrayList<>();
    private volatile boolean stopping;

    public ServiceSupervisor(StackLayout layout) {
        this.layout = layout;
    }

    /** Fails before starting anything when a packaged app is missing, naming each missing jar. */
    public static void requireJars(StackLayout layout, List<ServiceSpec> services) {
        List<String> missing = services.stream().filter(s -> !Files.isRegularFile(s.runJar(layout.repoRoot())))
                .map(s -> s.name() + ": " + s.runJar(layout.repoRoot()) + " not found").toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("service apps are not built:\n  " + String.join("\n  ", missing)
                    + "\nbuild them with ./mvnw install -DskipTests, or run a subset with TRADEFLOW_SERVICES=name,name|none");
        }
    }

    public void startAll(List<ServiceSpec> services, Function<ServiceSpec, Map<String, String>> env) throws IOException {
        for (ServiceSpec spec : services) {
            synchronized (this) {
                if (stopping) {
                    return;
                }
                running.add(ServiceProcess.start(spec, layout, env.apply(spec)));
            }
            Console.step("started " + spec.name() + " (pid " + running.get(running.size() - 1).process().pid()
                    + ", log " + layout.serviceLog(spec.name()) + ")");
        }
    }

    /** Polls readiness of every started service; throws with the log tail of one that died or hung. */
    public void awaitReady() throws InterruptedException {
        long start = System.nanoTime();
        long lastReport = start;
        Set<ServiceProcess> waiting = new LinkedHashSet<>(running);
        while (!waiting.isEmpty() && !stopping) {
            for (ServiceProcess service : List.copyOf(waiting)) {
                if (!service.isAlive()) {
                    throw new IllegalStateException(service.spec().name() + " exited with code "
                            + service.process().exitValue() + "; last lines of " + service.log() + ":\n"
                            + service.logTail(25));
                }
                if (HealthProbe.ready(service.spec()) == 200) {
                    waiting.remove(service);
                    Console.ok(service.spec().name() + " ready on " + service.spec().baseUrl() + " after "
                            + Console.seconds(Duration.ofNanos(System.nanoTime() - start)));
                }
            }
            long now = System.nanoTime();
            if (Duration.ofNanos(now - start).compareTo(READY_TIMEOUT) > 0) {
                ServiceProcess first = waiting.iterator().next();
                throw new IllegalStateException(first.spec().name() + " not ready within " + READY_TIMEOUT
                        + "; last lines of " + first.log() + ":\n" + first.logTail(25));
            }
            if (!waiting.isEmpty() && Duration.ofNanos(now - lastReport).toSeconds() >= 5) {
                lastReport = now;
                Console.step("waiting for " + waiting.stream().map(s -> s.spec().name()).toList());
            }
            Thread.sleep(250);
        }
    }

    public synchronized List<ServiceProcess> running() {
        return List.copyOf(running);
    }

    /** Stops all services in parallel (each gets its own grace period), then forgets their pid files. */
    public void stopAll() {
        List<ServiceProcess> toStop;
        synchronized (this) {
            stopping = true;
            toStop = List.copyOf(running);
        }
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess service : toStop) {
            Thread t = new Thread(() -> service.stop(Duration.ofSeconds(15)), "stop-" + service.spec().name());
            t.start();
            stoppers.add(t);
        }
        for (int i = 0; i < stoppers.size(); i++) {
            try {
                stoppers.get(i).join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                Files.deleteIfExists(layout.servicePidFile(toStop.get(i).spec().name()));
            } catch (IOException ignored) {
                // a stale pid file is harmless: the next start checks the command line before signalling
            }
        }
    }
}
