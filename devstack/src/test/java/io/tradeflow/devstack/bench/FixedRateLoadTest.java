package io.tradeflow.devstack.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FixedRateLoadTest {

    @Test
    void intendedStartsAreEvenlySpacedFromTheStart() {
        assertEquals(1_000L, FixedRateLoad.intendedStartNanos(1_000, 0, 1000));
        assertEquals(1_000L + 1_000_000, FixedRateLoad.intendedStartNanos(1_000, 1, 1000));
        assertEquals(1_000L + 2_500_000_000L, FixedRateLoad.intendedStartNanos(1_000, 2500, 1000));
    }

    @Test
    void dueCountIncludesTheRequestDueExactlyNow() {
        assertEquals(0, FixedRateLoad.dueCount(100, 99, 1000));
        assertEquals(1, FixedRateLoad.dueCount(100, 100, 1000));
        assertEquals(1, FixedRateLoad.dueCount(100, 100 + 999_999, 1000));
        assertEquals(2, FixedRateLoad.dueCount(100, 100 + 1_000_000, 1000));
        // A sender stalled for 50 ms at 1000/s owes 50 more requests, fired at once: no coordinated omission.
        assertEquals(51, FixedRateLoad.dueCount(0, 50_000_000, 1000));
    }

    @Test
    void runFiresTheRateTimesTheDurationWithIntendedTimesNotActualOnes() {
        List<Long> intended = new ArrayList<>();
        long fired = FixedRateLoad.run(2000, Duration.ofMillis(200), intended::add);
        assertEquals(400, fired);
        assertEquals(400, intended.size());
        for (int i = 1; i < intended.size(); i++) {
            assertEquals(500_000, intended.get(i) - intended.get(i - 1), 1);
        }
    }

    @Test
    void latencyPercentilesComeFromRecordedValues() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 1; i <= 100; i++) {
            recorder.recordNanos(i * 1_000_000L);
        }
        LatencyRecorder.Summary summary = recorder.summary();
        assertEquals(100, summary.count());
        assertEquals(50.0, summary.p50Ms(), 0.1);
        assertEquals(99.0, summary.p99Ms(), 0.1);
        assertTrue(summary.maxMs() >= 99.9);
        recorder.reset();
        assertEquals(0, recorder.summary().count());
    }
}
