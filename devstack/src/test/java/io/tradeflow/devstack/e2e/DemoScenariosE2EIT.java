package io.tradeflow.devstack.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.tradeflow.devstack.demo.DemoContext;
import io.tradeflow.devstack.demo.DemoRunner;
import io.tradeflow.devstack.demo.DemoScenarios;
import io.tradeflow.devstack.stack.ServiceSpec;
import io.tradeflow.devstack.stack.Stack;
import io.tradeflow.devstack.stack.StackLayout;

/**
 * End to end: the four packaged services as separate processes on a real Kafka and PostgreSQL, driven by
 * the same scenarios (and external-system simulators) as {@code ./tradeflow demo}. Every scenario must pass.
 * Runs in the integration-test phase, after the services are packaged.
 */
class DemoScenariosE2EIT {

    @Test
    void everyDemoScenarioPassesAgainstTheWholeSuite() throws Exception {
        Path repoRoot = Path.of("").toAbsolutePath().getParent();
        StackLayout layout = new StackLayout(Path.of("target", "e2e-data").toAbsolutePath(), repoRoot);
        try (Stack stack = new Stack(layout, ServiceSpec.ALL)) {
            stack.start();
            boolean passed = DemoRunner.run(DemoScenarios.all(),
                    new DemoContext(stack.kafkaBootstrap(), stack.services(), stack.tokens()));
            assertTrue(passed, "some demo scenarios failed; their output above says which and why, "
                    + "service logs are under " + layout.logs());
        }
    }
}
