package io.tradeflow.devstack.demo;

/**
 * One step of {@code ./tradeflow demo}. Scenarios run in order against a started stack and say, in a
 * sentence a person can read, what happened. Later work adds a scenario by implementing this and
 * listing it in {@link DemoScenarios} (or in META-INF/services for a scenario living in another jar).
 */
public interface DemoScenario {

    /** Short title shown before the step runs. */
    String title();

    /** Drives the stack and reports; throwing counts as a failure with the exception's message. */
    Outcome run(DemoContext context) throws Exception;

    record Outcome(boolean passed, String summary) {
        public static Outcome passed(String summary) {
            return new Outcome(true, summary);
        }

        public static Outcome failed(String summary) {
            return new Outcome(false, summary);
        }
    }
}
