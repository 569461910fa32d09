package io.tradeflow.devstack.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Finds and stops what a previous run left behind: a stack owner JVM (demo or daemon), service JVMs
 * orphaned when that owner was SIGKILLed, and its postgres postmaster, which is a separate process
 * and survives its parent.
 */
public final class Leftovers {
    /** Every devstack JVM has this on its command line (the main class package). */
    public static final String OWNER_MARKER = "io.tradeflow.devstack";

    /** Returns true when something was found and stopped. */
    public static boolean stopAll(StackLayout layout) {
        boolean found = false;
        // The owner first: when alive it stops its own services and PostgreSQL in the right order.
        Optional<ProcessHandle> owner = ProcessControl.readPid(layout.ownerPidFile())
                .filter(pid -> pid != ProcessHandle.current().pid())
                .flatMap(pid -> ProcessControl.find(pid, OWNER_MARKER));
        if (owner.isPresent()) {
            Console.step("stopping the stack owned by pid " + owner.get().pid());
            // Its services may take their grace plus the time to write a class-data recording (ServiceProcess.stop).
            ProcessControl.stop(owner.get(), "TERM", Duration.ofSeconds(75));
            found = true;
        }
        for (ServiceSpec service : ServiceSpec.ALL) {
            Path pidFile = layout.servicePidFile(service.name());
            Optional<ProcessHandle> leftover = ProcessControl.readPid(pidFile)
                    .flatMap(pid -> ProcessControl.find(pid, ServiceProcess.MARKER));
            if (leftover.isPresent()) {
                Console.step("stopping leftover " + service.name() + " (pid " + leftover.get().pid() + ")");
                ProcessControl.stop(leftover.get(), "TERM", Duration.ofSeconds(15));
                found = true;
            }
            deleteQuietly(pidFile);
        }
        Optional<ProcessHandle> postmaster = ProcessControl.readPid(layout.postmasterPidFile())
                .flatMap(pid -> ProcessControl.find(pid, "postgres"));
        if (postmaster.isPresent()) {
            // SIGINT is PostgreSQL's "fast" shutdown: roll back sessions, checkpoint, exit.
            Console.step("stopping leftover postgres (pid " + postmaster.get().pid() + ")");
            ProcessControl.stop(postmaster.get(), "INT", Duration.ofSeconds(20));
            found = true;
        }
        deleteQuietly(layout.ownerPidFile());
        return found;
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // only a hint for the next run, which re-checks the command line anyway
        }
    }

    private Leftovers() {
    }
}
