package io.tradeflow.gateway.service;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A trading partner as operators onboard it. {@code customerId} is the ERP customer its orders are for.
 *
 * @param acknowledgment functional acknowledgment: 997 or 999 for an EDI partner (TA1 always on envelope errors);
 *                       JSON for a marketplace or 3PL partner that answers each of our documents with
 *                       {@code POST /api/v1/partners/{id}/documents/{messageId}/acknowledgment} (overdue past
 *                       sla.functionalAckMinutes); otherwise a JSON partner is not asked to answer
 * @param documentTypes  what the partner may send: 850, 997, JSON_ORDER
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerProfile(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "letters, digits, _ and -, at most 64") String id,
        @NotBlank @Size(max = 200) String name,
        @NotNull PartnerType type,
        @NotBlank @Size(max = 64) String customerId,
        @Valid X12Settings x12,
        @Pattern(regexp = "997|999|JSON", message = "must be 997, 999 or JSON") String acknowledgment,
        @NotEmpty List<@Pattern(regexp = "850|997|JSON_ORDER", message = "must be 850, 997 or JSON_ORDER") String> documentTypes,
        @NotNull @Min(1) @Max(100000) Integer rateLimitPerMinute,
        @Valid Sla sla,
        @Pattern(regexp = "https?://.{1,480}", message = "must be an http(s) URL") String webhookUrl) {

    public enum PartnerType {
        EDI, MARKETPLACE, THREE_PL
    }

    /**
     * How the partner's interchanges are addressed: its ISA05/06 and the ISA07/08 it sends to us.
     *
     * @param delimiters outbound element, component and segment separators, e.g. {@code *>~}
     */
    public record X12Settings(
            @NotBlank @Size(min = 2, max = 2) String senderQualifier,
            @NotBlank @Size(max = 15) String senderId,
            @NotBlank @Size(min = 2, max = 2) String receiverQualifier,
            @NotBlank @Size(max = 15) String receiverId,
            @NotBlank @Pattern(regexp = "004010|005010", message = "must be 004010 or 005010") String version,
            @Pattern(regexp = "[^A-Za-z0-9 ]{3}", message = "three distinct separators, e.g. *>~") String delimiters) {
    }

    /**
     * Service levels the gateway measures and flags.
     *
     * @param functionalAckMinutes our outbound document's 997 is due within this many minutes
     * @param poAckHours           our 855 is due within this many hours of the 850
     * @param shipNoticeHours      the 856 is due this many hours after shipment, before delivery
     */
    public record Sla(@Min(0) @Max(100000) Integer functionalAckMinutes, @Min(0) @Max(10000) Integer poAckHours,
                      @Min(0) @Max(10000) Integer shipNoticeHours) {
    }
}
