package io.tradeflow.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureStreakTest {

    @Test
    void onlyTheFirstFailureOfAStreakIsLoggedAtOnceAndRecoverySaysHowLongItLasted() {
        FailureStreak streak = new FailureStreak();
        assertThat(streak.failed()).isEqualTo(1);
        // The next ones within the report interval stay quiet (0), but are counted.
        assertThat(streak.failed()).isZero();
        assertThat(streak.failed()).isZero();
        assertThat(streak.failures()).isEqualTo(3);
        assertThat(FailureStreak.inARow(3)).isEqualTo(" (3 in a row)");
        assertThat(FailureStreak.inARow(1)).isEmpty();

        assertThat(streak.succeeded()).isEqualTo(3);
        assertThat(streak.succeeded()).isZero();
        // A new streak is logged again from its first failure.
        assertThat(streak.failed()).isEqualTo(1);
    }
}
