package io.tradeflow.devstack.cli;

import java.util.Optional;

import io.tradeflow.devstack.stack.HealthProbe;
import io.tradeflow.devstack.stack.Leftovers;
import io.tradeflow.devstack.stack.PortCheck;
import io.tradeflow.devstack.stack.ProcessControl;
import io.tradeflow.devstack.stack.ServiceProcess;
import io.tradeflow.devstack.stack.ServiceSpec;
import io.tradeflow.devstack.stack.StackLayout;
import io.tradeflow.devstack.stack.StackPorts;

/** {@code ./tradeflow status}: what runs, from pid files checked against live processes and ports. */
public final class StatusCommand {
    private static final String ROW = "%-20s %-8s %-6s %-10s %s%n";

    public static int run() {
        StackLayout layout = StackLayout.fromEnvironment();
        Optional<ProcessHandle> owner = ProcessControl.readPid(layout.ownerPidFile())
                .flatMap(pid -> ProcessControl.find(pid, Leftovers.OWNER_MARKER));
        System.out.println("data folder: " + layout.root());
        System.out.println("stack owner: " + owner.map(p -> "pid " + p.pid() + " (" + role(p) + ")").orElse("not running"));
        System.out.printf(ROW, "component", "pid", "port", "listening", "health");
        Optional<ProcessHandle> kafkaHolder = owner;
        row("kafka", kafkaHolder.map(ProcessHandle::pid), StackPorts.KAFKA, "-");
        Optional<Long> postmaster = ProcessControl.readPid(layout.postmasterPidFile())
                .filter(pid -> ProcessControl.find(pid, "postgres").isPresent());
        row("postgresql", postmaster, StackPorts.POSTGRES, "-");
        boolean allUp = owner.isPresent();
        for (ServiceSpec service : ServiceSpec.ALL) {
            Optional<Long> pid = ProcessControl.readPid(layout.servicePidFile(service.name()))
                    .filter(p -> ProcessControl.find(p, ServiceProcess.MARKER).isPresent());
            int ready = pid.isPresent() ? HealthProbe.ready(service) : -1;
            row(service.name(), pid, service.port(), ready == -1 ? "-" : "ready " + ready);
            allUp &= ready == 200;
        }
        System.out.println(allUp ? "all services ready" : owner.isPresent() ? "stack running, not every service ready"
                : "stack not running");
        return owner.isPresent() ? 0 : 3;
    }

    private static String role(ProcessHandle owner) {
        String cmd = ProcessControl.commandLine(owner);
        return cmd.endsWith("daemon") ? "background, ./tradeflow up" : cmd.endsWith("demo") ? "./tradeflow demo" : cmd;
    }

    private static void row(String name, Optional<Long> pid, int port, String health) {
        System.out.printf(ROW, name, pid.map(String::valueOf).orElse("-"), port,
                PortCheck.isListening(port) ? "yes" : "no", health);
    }

    private StatusCommand() {
    }
}
