package io.tradeflow.contracts.events;

import java.util.List;

/** Every Kafka topic of the suite, in one place. Documented in docs/asyncapi.yaml. */
public final class Topics {
    public static final String ERP_PRICES = "erp.prices";
    public static final String CRM_ACCOUNTS = "crm.accounts";
    public static final String CRM_OPPORTUNITIES = "crm.opportunities";
    public static final String ERP_CUSTOMERS = "erp.customers";
    public static final String WMS_STOCK_MOVEMENTS = "wms.stock-movements";
    public static final String ERP_INVENTORY_SNAPSHOTS = "erp.inventory-snapshots";
    public static final String INVENTORY_AVAILABILITY = "inventory.availability";
    public static final String PRICING_PRICE_CHANGES = "pricing.price-changes";
    public static final String ORDERS_INBOUND = "orders.inbound";
    public static final String ORDERS_LIFECYCLE = "orders.lifecycle";
    public static final String ERP_SALES_ORDER_COMMANDS = "erp.sales-order-commands";
    public static final String ERP_SALES_ORDER_EVENTS = "erp.sales-order-events";
    public static final String WMS_SHIPMENTS = "wms.shipments";
    public static final String CARRIER_MILESTONES = "carrier.milestones";

    /** Suffix of the dead-letter topic every consumer writes failed messages to. */
    public static final String DLQ_SUFFIX = ".dlq";

    public static final List<String> ALL = List.of(ERP_PRICES, CRM_ACCOUNTS, CRM_OPPORTUNITIES, ERP_CUSTOMERS,
            WMS_STOCK_MOVEMENTS, ERP_INVENTORY_SNAPSHOTS, INVENTORY_AVAILABILITY, PRICING_PRICE_CHANGES,
            ORDERS_INBOUND, ORDERS_LIFECYCLE, ERP_SALES_ORDER_COMMANDS, ERP_SALES_ORDER_EVENTS, WMS_SHIPMENTS,
            CARRIER_MILESTONES);

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    private Topics() {
    }
}
