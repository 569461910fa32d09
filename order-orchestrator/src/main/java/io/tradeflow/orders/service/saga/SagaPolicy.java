package io.tradeflow.orders.service.saga;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The saga's patience, from configuration ({@code tradeflow.orders.*}, see application.properties).
 *
 * @param stepLease          how long our own next step may stay undone before the scanner re-drives it
 *                           (covers a crash between two steps)
 * @param retryBackoff       first wait after a failed step; doubles per attempt up to {@code maxBackoff}
 * @param maxStepAttempts    pricing/inventory attempts before the order is refused for good
 * @param maxCompensationAttempts release attempts before the order is an incident (FAILED_TO_COMPENSATE)
 * @param erpAnswer          after this the order is marked stuck WAITING_ON_ERP, still waiting
 * @param erpGiveUp          after this further silence the order is compensated
 * @param shipmentWithoutDate shipment window when the order names no requested date
 * @param invoiceAfterDelivery after this the delivered order is marked stuck WAITING_ON_ERP
 * @param zone               the distributor's zone; a requested date ends at its midnight
 */
public record SagaPolicy(Duration stepLease, Duration retryBackoff, Duration maxBackoff, int maxStepAttempts,
                         int maxCompensationAttempts, Duration erpAnswer, Duration erpGiveUp,
                         Duration shipmentWithoutDate, Duration invoiceAfterDelivery, ZoneId zone) {

    public static SagaPolicy defaults() {
        return new SagaPolicy(Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofMinutes(5), 5, 8,
                Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofDays(3), Duration.ofDays(2),
                ZoneId.of("UTC"));
    }

    Duration backoff(int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration wait = retryBackoff.multipliedBy(factor);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
