package io.tradeflow.orders.service.saga;

import java.math.BigDecimal;

import io.tradeflow.contracts.customers.CreditStatus;

/**
 * Credit check on the ERP's figures kept locally: a hold or an exposure (open balance + open orders + this
 * order) above the limit refuses the order with the reason. Null means the customer may order.
 */
public final class CreditRule {

    /** Before pricing: only what is known without the order's value. */
    public static String refusalBeforePricing(boolean known, CreditStatus status, BigDecimal limit,
                                              BigDecimal openBalance) {
        if (!known) {
            return "customer unknown to the ERP";
        }
        if (status == CreditStatus.HOLD) {
            return "customer on credit hold";
        }
        if (limit != null && openBalance != null && openBalance.compareTo(limit) >= 0) {
            return "over credit limit: open balance " + openBalance.toPlainString() + " reaches limit "
                    + limit.toPlainString();
        }
        return null;
    }

    /** After pricing: the order's total counts against what is left of the limit. */
    public static String refusalAfterPricing(BigDecimal limit, BigDecimal openBalance, BigDecimal openOrders,
                                             BigDecimal orderTotal) {
        if (limit == null) {
            return null;
        }
        BigDecimal exposure = nz(openBalance).add(nz(openOrders)).add(nz(orderTotal));
        if (exposure.compareTo(limit) > 0) {
            return "over credit limit: exposure " + exposure.toPlainString() + " exceeds limit " + limit.toPlainString();
        }
        return null;
    }

    private static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private CreditRule() {
    }
}
