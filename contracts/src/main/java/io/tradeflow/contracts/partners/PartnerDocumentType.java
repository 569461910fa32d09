package io.tradeflow.contracts.partners;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Partner document types, written on the wire as their X12 transaction set code. */
public enum PartnerDocumentType {
    PURCHASE_ORDER("850"),
    PURCHASE_ORDER_ACKNOWLEDGMENT("855"),
    SHIP_NOTICE("856"),
    INVOICE("810"),
    FUNCTIONAL_ACKNOWLEDGMENT("997"),
    IMPLEMENTATION_ACKNOWLEDGMENT("999"),
    INTERCHANGE_ACKNOWLEDGMENT("TA1"),
    /** A marketplace order sent as JSON rather than X12. */
    MARKETPLACE_ORDER("JSON_ORDER");

    private final String code;

    PartnerDocumentType(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static PartnerDocumentType fromCode(String code) {
        for (PartnerDocumentType type : values()) {
            if (type.code.equals(code) || type.name().equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown partner document type " + code);
    }
}
