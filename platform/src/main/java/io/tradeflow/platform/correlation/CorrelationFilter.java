package io.tradeflow.platform.correlation;

import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Adopts the caller's {@code X-Correlation-Id} (or starts one) and echoes it on the response. */
public class CorrelationFilter {
    /** Compiled once: String.matches compiled it again for every request that carried the header. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]+");

    @ServerRequestFilter(preMatching = true)
    public void adopt(ContainerRequestContext request) {
        String id = request.getHeaderString(CorrelationIds.HEADER);
        // Reject absurd values instead of letting them into logs and headers.
        if (id != null && (id.length() > 100 || !WELL_FORMED.matcher(id).matches())) {
            id = null;
        }
        request.setProperty(CorrelationIds.MDC_KEY, CorrelationIds.adopt(id));
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(CorrelationIds.MDC_KEY);
        if (id != null) {
            response.getHeaders().putSingle(CorrelationIds.HEADER, id.toString());
        }
    }
}
