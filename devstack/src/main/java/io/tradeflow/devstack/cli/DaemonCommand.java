package io.tradeflow.devstack.cli;

import java.util.concurrent.CountDownLatch;

import io.tradeflow.devstack.stack.Console;
import io.tradeflow.devstack.stack.ServiceSpec;
import io.tradeflow.devstack.stack.Stack;
import io.tradeflow.devstack.stack.StackLayout;

/**
 * The background JVM behind {@code up}: holds Kafka and PostgreSQL and supervises the services until
 * SIGTERM ({@code down}). Its stdout is the stack log that {@code up} follows; the two marker lines tell
 * {@code up} when to stop following.
 */
public final class DaemonCommand {
    public static final String READY = "STACK READY";
    public static final String FAILED = "STACK FAILED";

    public static int run() {
        Stack stack = new Stack(StackLayout.fromEnvironment(), ServiceSpec.selected());
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-shutdown"));
        try {
            stack.start();
            Console.ok(READY);
        } catch (Exception e) {
            Console.error(e.getMessage());
            Console.error(FAILED);
            stack.close();
            return 1;
        }
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private DaemonCommand() {
    }
}
