package io.tradeflow.orders.config;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.tradeflow.orders.service.saga.SagaPolicy;

/** {@code tradeflow.orders.*}; each setting is documented where it is set, in application.properties. */
@ConfigMapping(prefix = "tradeflow.orders")
public interface SagaConfig {
    Duration stepLease();

    Duration retryBackoff();

    Duration maxBackoff();

    int maxStepAttempts();

    int maxCompensationAttempts();

    Duration erpAnswer();

    Duration erpGiveUp();

    Duration shipmentWithoutDate();

    Duration invoiceAfterDelivery();

    ZoneId zone();

    Duration deadlineScanInterval();

    int deadlineBatch();

    int stepGroupsInFlight();

    int reservationTtlSeconds();

    Duration holdRenewAhead();

    Duration holdRenewalScanInterval();

    Duration returnReceipt();

    Duration returnScanInterval();

    default SagaPolicy policy() {
        return new SagaPolicy(stepLease(), retryBackoff(), maxBackoff(), maxStepAttempts(), maxCompensationAttempts(),
                erpAnswer(), erpGiveUp(), shipmentWithoutDate(), invoiceAfterDelivery(), zone());
    }
}
