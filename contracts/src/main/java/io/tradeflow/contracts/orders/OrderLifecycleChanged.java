package io.tradeflow.contracts.orders;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.partners.PartnerRef;

/**
 * One transition of an order, on {@code orders.lifecycle} (key = orderId). Each event carries the whole
 * current picture so a consumer (gateway for 855/856/810, CRM, storefront) needs no other call.
 *
 * @param sequence  1 for the first transition of the order, +1 per transition; consumers ignore lower ones
 * @param cause     why: the triggering event or request, or the failure reason
 * @param shipment  the latest shipment, set from SHIPPED on; each further shipment of a split order is published as a
 *                  transition to the same state carrying it
 * @param invoice   set from INVOICED on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderLifecycleChanged(String orderId, long sequence, String customerId, String channel,
                                    String customerPoNumber, OrderState state, OrderState previousState, String cause,
                                    OffsetDateTime occurredAt, String currency, List<LifecycleLine> lines,
                                    String erpOrderNumber, Shipment shipment, InvoicePosted invoice,
                                    PartnerRef partnerRef) {
}
