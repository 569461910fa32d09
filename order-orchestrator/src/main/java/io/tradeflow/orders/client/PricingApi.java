package io.tradeflow.orders.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.pricing.QuoteRequest;

/**
 * pricing-service's quote API ({@code quarkus.rest-client.pricing.url}). Answers are read as JSON trees
 * (see {@link QuoteReading}) so a field added or a money value as object or number does not break us.
 */
@RegisterRestClient(configKey = "pricing")
@RegisterClientHeaders(ServiceHeaders.class)
@RegisterProvider(RefusalMapper.class)
@Path("/api/v1/quotes")
public interface PricingApi {
    @POST
    Uni<JsonNode> quote(QuoteRequest request, @HeaderParam("X-Correlation-Id") String correlationId);

    @GET
    @Path("/{id}")
    Uni<JsonNode> quote(@PathParam("id") String quoteId, @HeaderParam("X-Correlation-Id") String correlationId);
}
