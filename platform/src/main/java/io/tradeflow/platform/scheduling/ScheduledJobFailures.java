package io.tradeflow.platform.scheduling;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.FailedExecution;
import io.quarkus.scheduler.SuccessfulExecution;
import io.tradeflow.platform.problem.DatabaseOutages;

/**
 * Logs the failures of every service's scheduled jobs (deadline scans, hold renewals, acknowledgment watches...) in
 * place of Quarkus' scheduler, which logged each failed run as an ERROR with its stack trace: a job running every
 * second during a one-minute database outage wrote sixty of them. Here each streak of failures is logged as
 * {@link FailureStreak} decides (an outage as a one-line warning, anything else as an error with its stack trace),
 * and the job's recovery once it runs again.
 */
@ApplicationScoped
public class ScheduledJobFailures {
    private static final Logger LOG = Logger.getLogger(ScheduledJobFailures.class);

    private final Map<String, FailureStreak> streaks = new ConcurrentHashMap<>();
    /** Whether each job's last failure was a database outage. */
    private final Map<String, Boolean> outageLastTime = new ConcurrentHashMap<>();

    void failed(@Observes FailedExecution execution) {
        String job = execution.getExecution().getTrigger().getId();
        Throwable failure = execution.getException();
        boolean outage = DatabaseOutages.unreachable(failure);
        FailureStreak streak = streaks.computeIfAbsent(job, id -> new FailureStreak());
        // A job failing for another kind of reason (the outage over, a real error behind it) starts a new streak, so
        // that error is logged at once instead of waiting for the outage's next report.
        if (!Boolean.valueOf(outage).equals(outageLastTime.put(job, outage))) {
            streak.succeeded();
        }
        long failures = streak.failed();
        if (failures == 0) {
            LOG.debugf("Scheduled job %s failed again: %s", job, failure);
        } else if (outage) {
            LOG.warnf("Scheduled job %s failed%s, the database is unreachable; it runs again on schedule: %s", job,
                    FailureStreak.inARow(failures), failure == null ? "" : failure.getMessage());
        } else {
            LOG.errorf(failure, "Scheduled job %s failed%s; it runs again on schedule", job,
                    FailureStreak.inARow(failures));
        }
    }

    void succeeded(@Observes SuccessfulExecution execution) {
        String job = execution.getExecution().getTrigger().getId();
        FailureStreak streak = streaks.get(job);
        long had = streak == null ? 0 : streak.succeeded();
        if (had > 0) {
            LOG.infof("Scheduled job %s runs again after %d failed runs", job, had);
        }
    }

    /** Failed runs in a row of the job, for tests. */
    long failuresInARow(String job) {
        FailureStreak streak = streaks.get(job);
        return streak == null ? 0 : streak.failures();
    }
}
