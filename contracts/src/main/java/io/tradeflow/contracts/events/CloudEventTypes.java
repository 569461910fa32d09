package io.tradeflow.contracts.events;

/**
 * Every CloudEvent type of the suite. A type names its producer domain, the fact and a version;
 * a breaking payload change gets a new version, never an edit of an existing one.
 */
public final class CloudEventTypes {
    public static final String STOCK_MOVEMENT = "tradeflow.wms.stock-movement.v1";
    public static final String INVENTORY_SNAPSHOT = "tradeflow.erp.inventory-snapshot.v1";
    public static final String AVAILABILITY_CHANGED = "tradeflow.inventory.availability-changed.v1";

    public static final String LIST_PRICE = "tradeflow.erp.list-price.v1";
    public static final String CONTRACT_PRICE = "tradeflow.erp.contract-price.v1";
    public static final String TIER_PRICE = "tradeflow.erp.tier-price.v1";
    public static final String VOLUME_BREAK = "tradeflow.erp.volume-break.v1";
    public static final String PROMOTION = "tradeflow.erp.promotion.v1";
    public static final String QUANTITY_RULE = "tradeflow.erp.quantity-rule.v1";
    public static final String PRICE_CHANGED = "tradeflow.pricing.price-changed.v1";

    public static final String CRM_ACCOUNT = "tradeflow.crm.account.v1";
    public static final String CRM_OPPORTUNITY_WON = "tradeflow.crm.opportunity-won.v1";
    public static final String ERP_CUSTOMER = "tradeflow.erp.customer.v1";

    public static final String INBOUND_ORDER = "tradeflow.gateway.inbound-order.v1";
    public static final String ORDER_LIFECYCLE = "tradeflow.orders.lifecycle-changed.v1";

    public static final String CREATE_SALES_ORDER = "tradeflow.orders.create-sales-order.v1";
    public static final String CANCEL_SALES_ORDER = "tradeflow.orders.cancel-sales-order.v1";
    public static final String CREATE_CREDIT_MEMO = "tradeflow.orders.create-credit-memo.v1";
    public static final String SALES_ORDER_ACCEPTED = "tradeflow.erp.sales-order-accepted.v1";
    public static final String SALES_ORDER_REJECTED = "tradeflow.erp.sales-order-rejected.v1";
    public static final String INVOICE_POSTED = "tradeflow.erp.invoice-posted.v1";
    public static final String CREDIT_MEMO_POSTED = "tradeflow.erp.credit-memo-posted.v1";

    public static final String SHIPMENT_DISPATCHED = "tradeflow.wms.shipment-dispatched.v1";
    public static final String RETURN_RECEIVED = "tradeflow.wms.return-received.v1";
    public static final String CARRIER_MILESTONE = "tradeflow.carrier.milestone.v1";

    private CloudEventTypes() {
    }
}
