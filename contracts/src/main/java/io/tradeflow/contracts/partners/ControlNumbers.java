package io.tradeflow.contracts.partners;

import com.fasterxml.jackson.annotation.JsonInclude;

/** X12 envelope control numbers: ISA13, GS06, ST02. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlNumbers(String interchange, String group, String transactionSet) {
}
