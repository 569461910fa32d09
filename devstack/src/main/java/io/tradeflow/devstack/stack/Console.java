package io.tradeflow.devstack.stack;

import java.time.Duration;

/** Progress lines for a person watching the terminal; one place so the format stays consistent. */
public final class Console {
    private static final long START = System.nanoTime();

    public static void step(String message) {
        System.out.printf("[%6.1fs] %s%n", elapsed(), message);
        System.out.flush();
    }

    public static void ok(String message) {
        step("OK    " + message);
    }

    public static void warn(String message) {
        step("WARN  " + message);
    }

    public static void error(String message) {
        System.out.printf("[%6.1fs] ERROR %s%n", elapsed(), message);
        System.out.flush();
    }

    public static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static double elapsed() {
        return (System.nanoTime() - START) / 1e9;
    }

    private Console() {
    }
}
