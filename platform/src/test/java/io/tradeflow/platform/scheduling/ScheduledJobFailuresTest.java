package io.tradeflow.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.FailedExecution;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.SuccessfulExecution;
import io.quarkus.scheduler.Trigger;

class ScheduledJobFailuresTest {

    @Test
    void aJobsFailedRunsAreCountedUntilItRunsAgainAndJobsAreCountedApart() {
        ScheduledJobFailures failures = new ScheduledJobFailures();
        for (int run = 0; run < 3; run++) {
            failures.failed(new FailedExecution(execution("DeadlineScanner#scan"),
                    new RuntimeException(new ConnectException("Connection refused"))));
        }
        failures.failed(new FailedExecution(execution("ReturnWatch#scan"), new IllegalStateException("boom")));
        assertThat(failures.failuresInARow("DeadlineScanner#scan")).isEqualTo(3);
        assertThat(failures.failuresInARow("ReturnWatch#scan")).isEqualTo(1);

        // The outage over, a real error behind it: a new streak, logged at once.
        failures.failed(new FailedExecution(execution("DeadlineScanner#scan"),
                new IllegalStateException("relation customer_order does not exist")));
        assertThat(failures.failuresInARow("DeadlineScanner#scan")).isEqualTo(1);

        failures.succeeded(new SuccessfulExecution(execution("DeadlineScanner#scan")));
        assertThat(failures.failuresInARow("DeadlineScanner#scan")).isZero();
        assertThat(failures.failuresInARow("ReturnWatch#scan")).isEqualTo(1);
        // A job that never failed is no streak.
        failures.succeeded(new SuccessfulExecution(execution("OperationsSampler#sample")));
        assertThat(failures.failuresInARow("OperationsSampler#sample")).isZero();
    }

    private static ScheduledExecution execution(String job) {
        Trigger trigger = (Trigger) Proxy.newProxyInstance(Trigger.class.getClassLoader(),
                new Class<?>[] {Trigger.class}, (proxy, method, args) -> "getId".equals(method.getName()) ? job : null);
        return new ScheduledExecution() {
            @Override
            public Trigger getTrigger() {
                return trigger;
            }

            @Override
            public Instant getFireTime() {
                return Instant.now();
            }

            @Override
            public Instant getScheduledFireTime() {
                return Instant.now();
            }
        };
    }
}
