package io.tradeflow.contracts.orders;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A carrier tracking event, on {@code carrier.milestones} (key = orderId). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CarrierMilestone(String orderId, String shipmentId, String carrier, String trackingNumber,
                               MilestoneStatus status, String detail, OffsetDateTime occurredAt) {
}
