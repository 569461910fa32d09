package io.tradeflow.pricing.rest;

import java.util.Currency;

import io.tradeflow.platform.problem.ProblemException;

/** A currency code the JDK does not know cannot be rounded to a minor unit, so it is refused up front. */
final class Currencies {

    static void require(String field, String code) {
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalidField(field, "unknown ISO 4217 currency " + code);
        }
    }

    private Currencies() {
    }
}
