package io.tradeflow.devstack.demo;

import java.time.Duration;

/**
 * Waits until ERP master data the simulators just published has reached the services that use it, as a
 * cut-over runbook checks before the first order, instead of sleeping for a guess: after a restart the
 * consumers may still be joining their groups, and an order placed before its customer is known is rejected.
 */
final class MasterDataArrival {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The order orchestrator knows the customer (its summary answers 200). */
    static boolean customerKnown(DemoContext context, String customerId) throws Exception {
        return within(() -> context.rest().send("order-orchestrator", "GET",
                "/api/v1/customers/" + customerId + "/summary", "operations", null).ok());
    }

    /** Pricing prices the SKU for the customer by the given rule (e.g. CONTRACT once the contract arrived). */
    static boolean pricedBy(DemoContext context, String sku, String customerId, String rule) throws Exception {
        return within(() -> {
            ServiceCalls.Answer price = context.rest().send("pricing-service", "GET", "/api/v1/prices/" + sku
                    + "?customerId=" + customerId + "&channel=storefront&currency=USD", "storefront", null);
            return price.ok() && price.body().contains("\"rule\":\"" + rule + "\"");
        });
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static boolean within(Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private MasterDataArrival() {
    }
}
