package io.tradeflow.orders.client;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;

import io.tradeflow.contracts.json.Json;

/** Sorts a failed answer into retryable (outage) and final (business refusal), reading problem+json. */
public class RefusalMapper implements ResponseExceptionMapper<RuntimeException> {

    @Override
    public RuntimeException toThrowable(Response response) {
        int status = response.getStatus();
        if (status >= 500 || status == 408 || status == 429) {
            return new TransientCallFailure("HTTP " + status);
        }
        String type = null;
        String detail = "HTTP " + status;
        try {
            String body = response.readEntity(String.class);
            if (body != null && !body.isBlank()) {
                JsonNode problem = Json.mapper().readTree(body);
                type = problem.path("type").asText(null);
                detail = problem.path("detail").asText(detail);
            }
        } catch (RuntimeException | java.io.IOException e) {
            // Not problem+json: the status alone decides.
        }
        return new BusinessRefusal(status, type, detail);
    }
}
