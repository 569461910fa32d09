package io.tradeflow.gateway.service;

/** The answer to creating a partner or rotating its key: the only time the API key is ever shown. */
public record PartnerCredentials(PartnerProfile partner, String apiKey) {
}
