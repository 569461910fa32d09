package io.tradeflow.contracts.common;

import java.math.BigDecimal;

/** @param unitOfMeasure the ERP's unit code, e.g. {@code EA}, {@code CS}, {@code KG} */
public record Quantity(BigDecimal value, String unitOfMeasure) {

    public static Quantity of(String value, String unitOfMeasure) {
        return new Quantity(new BigDecimal(value), unitOfMeasure);
    }
}
