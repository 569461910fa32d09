package io.tradeflow.contracts.partners;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One document exchanged with a partner, as the audit trail and acknowledgments refer to it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerDocumentRef(String partnerId, PartnerDocumentType documentType, DocumentDirection direction,
                                 ControlNumbers controlNumbers) {
}
