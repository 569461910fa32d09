package io.tradeflow.gateway.service;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A marketplace or 3PL partner's answer to one of our outbound documents (an 855, 856 or 810 as JSON): what a 997 is
 * to an EDI partner. Expected when its profile's {@code acknowledgment} is {@code JSON}.
 *
 * @param status ACCEPTED (the document was received and taken in) or REJECTED
 * @param reason why, when rejected: shown in the audit trail
 */
public record DocumentAcknowledgment(
        @NotNull @Pattern(regexp = "ACCEPTED|REJECTED", message = "must be ACCEPTED or REJECTED") String status,
        @Size(max = 500) @Pattern(regexp = "[^\\u0000]*", message = "must not contain a NUL character (U+0000)")
        String reason) {
}
