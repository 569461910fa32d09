package io.tradeflow.gateway.service;

/**
 * What the partner gets back synchronously for an inbound document.
 *
 * @param mediaType application/edi-x12 for a 997/999/TA1, application/json for a marketplace acknowledgment
 * @param outcome   ACCEPTED, PARTIALLY_ACCEPTED, REJECTED or DUPLICATE
 */
public record DocumentAnswer(String messageId, String mediaType, String body, String outcome) {
}
