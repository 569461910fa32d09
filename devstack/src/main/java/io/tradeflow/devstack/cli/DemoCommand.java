package io.tradeflow.devstack.cli;

import io.tradeflow.devstack.demo.DemoContext;
import io.tradeflow.devstack.demo.DemoRunner;
import io.tradeflow.devstack.demo.DemoScenarios;
import io.tradeflow.devstack.stack.Console;
import io.tradeflow.devstack.stack.ServiceSpec;
import io.tradeflow.devstack.stack.Stack;
import io.tradeflow.devstack.stack.StackLayout;

/** {@code ./tradeflow demo}: start the stack in this JVM, run the scenarios, stop everything. */
public final class DemoCommand {

    public static int run() {
        Stack stack = new Stack(StackLayout.fromEnvironment(), ServiceSpec.selected());
        // Ctrl-C (or SIGTERM from the script) at any point stops whatever has started so far.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-shutdown"));
        try {
            stack.start();
            Console.ok("stack ready");
            boolean passed = DemoRunner.run(DemoScenarios.all(),
                    new DemoContext(stack.kafkaBootstrap(), stack.services(), stack.tokens()));
            return passed ? 0 : 1;
        } catch (Exception e) {
            Console.error(e.getMessage());
            return 1;
        } finally {
            stack.close();
        }
    }

    private DemoCommand() {
    }
}
