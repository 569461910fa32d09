package io.tradeflow.contracts.partners;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a partner order came from: the X12 control numbers (ISA13, GS06, ST02) of its 850, so the 855,
 * 856 and 810 can refer back to it. Control numbers are kept as sent (leading zeros matter).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerRef(String partnerId, String interchangeControlNumber, String groupControlNumber,
                         String transactionSetControlNumber) {
}
