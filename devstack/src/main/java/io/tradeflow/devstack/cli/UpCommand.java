package io.tradeflow.devstack.cli;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.tradeflow.devstack.stack.Console;
import io.tradeflow.devstack.stack.Leftovers;
import io.tradeflow.devstack.stack.ProcessControl;
import io.tradeflow.devstack.stack.ServiceSpec;
import io.tradeflow.devstack.stack.StackLayout;

/**
 * {@code ./tradeflow up}: starts the daemon in its own session (so it outlives this command and the
 * terminal) and follows its log until it reports ready or failed.
 */
public final class UpCommand {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    public static int run() throws IllegalArgumentException {
        StackLayout layout = StackLayout.fromEnvironment().ensureCreated();
        ServiceSpec.selected(); // fail on a bad TRADEFLOW_SERVICES here rather than in the daemon's log
        Optional<ProcessHandle> owner = ProcessControl.readPid(layout.ownerPidFile())
                .flatMap(pid -> ProcessControl.find(pid, Leftovers.OWNER_MARKER));
        if (owner.isPresent()) {
            System.out.println("a stack is already running (pid " + owner.get().pid()
                    + "); ./tradeflow status shows it, ./tradeflow down stops it");
            return 0;
        }
        try {
            Files.writeString(layout.daemonLog(), "");
            Process daemon = new ProcessBuilder(command())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(layout.daemonLog().toFile()))
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .start();
            Console.step("stack daemon started (pid " + daemon.pid() + "), log " + layout.daemonLog());
            // Ctrl-C while we wait means "never mind": stop the half-started daemon too.
            Thread abort = new Thread(() -> ProcessControl.stop(daemon.toHandle(), "TERM", Duration.ofSeconds(45)));
            Runtime.getRuntime().addShutdownHook(abort);
            int code = follow(layout.daemonLog().toFile(), daemon);
            if (code == 0) {
                Runtime.getRuntime().removeShutdownHook(abort);
                System.out.println("stack is up; data folder " + layout.root() + ", stop it with ./tradeflow down");
            }
            return code;
        } catch (IOException e) {
            Console.error("cannot start the stack daemon: " + e.getMessage());
            return 1;
        }
    }

    /** The same JVM and class path, in a new session: setsid detaches it from this terminal's signals. */
    private static List<String> command() {
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute() || new File("/bin/setsid").canExecute()) {
            command.add("setsid");
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.tradeflow.devstack.Tradeflow");
        command.add("daemon");
        return command;
    }

    /** Prints the daemon's log as it grows; 0 on the ready marker, 1 on failure or exit. */
    private static int follow(File log, Process daemon) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long offset = 0;
        StringBuilder pending = new StringBuilder();
        while (System.nanoTime() < deadline) {
            try (RandomAccessFile file = new RandomAccessFile(log, "r")) {
                if (file.length() > offset) {
                    file.seek(offset);
                    byte[] bytes = new byte[(int) (file.length() - offset)];
                    file.readFully(bytes);
                    offset += bytes.length;
                    pending.append(new String(bytes, StandardCharsets.UTF_8));
                }
            }
            int newline;
            while ((newline = pending.indexOf("\n")) >= 0) {
                String line = pending.substring(0, newline);
                pending.delete(0, newline + 1);
                System.out.println(line);
                if (line.contains(DaemonCommand.READY)) {
                    return 0;
                }
                if (line.contains(DaemonCommand.FAILED)) {
                    return 1;
                }
            }
            if (!daemon.isAlive() && pending.isEmpty() && log.length() == offset) {
                Console.error("the stack daemon exited with code " + daemon.exitValue());
                return 1;
            }
            sleep(200);
        }
        Console.error("the stack was not ready within " + TIMEOUT + "; see " + log);
        return 1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private UpCommand() {
    }
}
