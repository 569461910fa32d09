package io.tradeflow.orders.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

import io.tradeflow.platform.correlation.CorrelationIds;

/** Every call to another service presents our service token and carries the order's correlation id. */
@ApplicationScoped
public class ServiceHeaders implements ClientHeadersFactory {
    /** Set from TRADEFLOW_SERVICE_TOKEN (platform defaults); a JWT with role "service". */
    @ConfigProperty(name = "tradeflow.service-token", defaultValue = "")
    String token;

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
                                                 MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        if (!token.isBlank()) {
            headers.putSingle("Authorization", "Bearer " + token);
        }
        if (!outgoing.containsKey(CorrelationIds.HEADER) && CorrelationIds.current() != null) {
            headers.putSingle(CorrelationIds.HEADER, CorrelationIds.current());
        }
        return headers;
    }
}
