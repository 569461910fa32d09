package io.tradeflow.devstack;

import java.util.Arrays;

import io.tradeflow.devstack.bench.BaselineBenchmark;
import io.tradeflow.devstack.cli.DaemonCommand;
import io.tradeflow.devstack.cli.DemoCommand;
import io.tradeflow.devstack.cli.DownCommand;
import io.tradeflow.devstack.cli.StatusCommand;
import io.tradeflow.devstack.cli.TokenCommand;
import io.tradeflow.devstack.cli.UpCommand;

/** Entry point behind {@code ./tradeflow}: one JVM per command, the exit code is the command's. */
public final class Tradeflow {

    public static void main(String[] args) {
        quietLibraries();
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        int code;
        try {
            code = switch (command) {
                case "demo" -> DemoCommand.run();
                case "up" -> UpCommand.run();
                case "daemon" -> DaemonCommand.run();
                case "down" -> DownCommand.run();
                case "status" -> StatusCommand.run();
                case "token" -> TokenCommand.run(rest);
                case "bench" -> bench(rest);
                default -> usage(command);
            };
        } catch (IllegalArgumentException e) {
            System.err.println("tradeflow " + command + ": " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    private static int bench(String[] args) {
        if (args.length == 0 || !args[0].equals("baseline")) {
            throw new IllegalArgumentException("usage: tradeflow bench baseline [--record-size BYTES] [--seconds N]");
        }
        return BaselineBenchmark.run(Arrays.copyOfRange(args, 1, args.length));
    }

    private static int usage(String command) {
        if (!command.equals("help")) {
            System.err.println("unknown command: " + command);
        }
        System.err.println("""
                usage: tradeflow <command>
                  demo                         start everything, run the demo, stop everything
                  up                           start the stack in the background, return when ready
                  down                         stop a background stack (and leftovers of a killed run)
                  status                       what runs: pids, ports, health
                  token --role R [--subject S] print a development JWT
                  bench baseline               raw Kafka / PostgreSQL / HTTP baselines for this machine
                environment: TRADEFLOW_DATA (data folder, default ~/.tradeflow),
                  TRADEFLOW_SERVICES (comma-separated subset of services, or none)""");
        return command.equals("help") ? 0 : 2;
    }

    /** Kafka, zonky and Vert.x talk a lot at INFO; the launcher prints its own progress instead. */
    private static void quietLibraries() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("tradeflow.log.level", "warn"));
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        // The broker warns about things that are normal for a fresh single-node dev cluster.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        // kafka_2.13 ships log4j-api without an implementation (log4j-core is excluded on purpose).
        System.setProperty("log4j2.statusLoggerLevel", "OFF");
        System.setProperty("org.jboss.logging.provider", "slf4j");
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    }

    private Tradeflow() {
    }
}
