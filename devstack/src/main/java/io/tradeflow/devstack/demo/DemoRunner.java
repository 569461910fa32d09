package io.tradeflow.devstack.demo;

import java.util.List;

/** Runs every scenario, keeps going after a failure (later steps still teach something), and tallies. */
public final class DemoRunner {

    /** Returns true when every scenario passed. */
    public static boolean run(List<DemoScenario> scenarios, DemoContext context) {
        int passed = 0;
        int failed = 0;
        for (int i = 0; i < scenarios.size(); i++) {
            DemoScenario scenario = scenarios.get(i);
            System.out.printf("%n=== demo %d/%d: %s ===%n", i + 1, scenarios.size(), scenario.title());
            DemoScenario.Outcome outcome;
            try {
                outcome = scenario.run(context);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = DemoScenario.Outcome.failed("interrupted");
            } catch (Exception e) {
                outcome = DemoScenario.Outcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            System.out.println((outcome.passed() ? "PASSED  " : "FAILED  ") + outcome.summary());
            if (outcome.passed()) {
                passed++;
            } else {
                failed++;
            }
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        System.out.printf("%ndemo: %d passed, %d failed%n", passed, failed);
        return failed == 0;
    }

    private DemoRunner() {
    }
}
