package io.tradeflow.devstack.cli;

import java.util.List;

import io.tradeflow.devstack.stack.Console;
import io.tradeflow.devstack.stack.Leftovers;
import io.tradeflow.devstack.stack.PortCheck;
import io.tradeflow.devstack.stack.StackLayout;
import io.tradeflow.devstack.stack.StackPorts;

/** {@code ./tradeflow down}: stops the daemon (it stops services, Kafka, PostgreSQL) and any leftovers. */
public final class DownCommand {

    public static int run() {
        StackLayout layout = StackLayout.fromEnvironment();
        boolean stopped = Leftovers.stopAll(layout);
        List<Integer> busy = StackPorts.all().stream().filter(p -> !PortCheck.isFree(p)).toList();
        if (!busy.isEmpty()) {
            Console.error("ports still in use after stopping:");
            busy.forEach(p -> System.out.println("  " + p + ": " + PortCheck.holder(p)));
            return 1;
        }
        Console.ok(stopped ? "stack stopped; ports " + StackPorts.all() + " are free"
                : "nothing was running; ports " + StackPorts.all() + " are free");
        return 0;
    }

    private DownCommand() {
    }
}
