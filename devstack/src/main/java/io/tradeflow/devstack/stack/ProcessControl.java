package io.tradeflow.devstack.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops processes found through pid files. A pid file may outlive its process and the pid may have been
 * reused, so a process is only signalled when its command line still looks like what the file promised.
 */
public final class ProcessControl {

    public static Optional<Long> readPid(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
            return first.matches("\\d+") ? Optional.of(Long.parseLong(first)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static void writePid(Path pidFile, long pid) {
        try {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, pid + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + pidFile, e);
        }
    }

    /** The live process with that pid whose command line contains {@code marker}, if any. */
    public static Optional<ProcessHandle> find(long pid, String marker) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> commandLine(p).contains(marker));
    }

    public static String commandLine(ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ').trim();
            }
        } catch (IOException ignored) {
            // fall through to what the JDK can tell
        }
        return process.info().commandLine().or(() -> process.info().command()).orElse("");
    }

    /**
     * Sends {@code signal} (TERM or INT), waits up to {@code grace}, then kills the process and whatever
     * it started. Returns true when the process is gone.
     */
    public static boolean stop(ProcessHandle process, String signal, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        if ("TERM".equals(signal)) {
            process.destroy();
        } else {
            sendSignal(process.pid(), signal);
        }
        if (awaitExit(process, grace)) {
            return true;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return awaitExit(process, Duration.ofSeconds(5));
    }

    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    private static void sendSignal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ProcessControl() {
    }
}
