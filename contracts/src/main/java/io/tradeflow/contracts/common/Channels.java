package io.tradeflow.contracts.common;

/**
 * Well-known sales channels. Channels are open-ended strings (a distributor may add its own),
 * these are the ones the suite itself uses.
 */
public final class Channels {
    public static final String STOREFRONT = "storefront";
    public static final String CRM = "crm";
    public static final String PARTNER = "partner";
    public static final String MARKETPLACE = "marketplace";

    private Channels() {
    }
}
