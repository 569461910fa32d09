package io.tradeflow.platform.security;

/** The roles a JWT's {@code groups} claim may carry. */
public final class Roles {
    public static final String STOREFRONT = "storefront";
    public static final String CRM = "crm";
    public static final String OPERATIONS = "operations";
    public static final String PARTNER_ADMIN = "partner-admin";
    /** Another Tradeflow service calling on its own behalf. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
