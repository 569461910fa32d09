package io.tradeflow.contracts.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A postal address; {@code country} is ISO 3166-1 alpha-2. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(String name, String line1, String line2, String city, String region, String postalCode,
                      String country) {
}
