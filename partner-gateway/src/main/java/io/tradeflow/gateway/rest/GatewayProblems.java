package io.tradeflow.gateway.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.tradeflow.gateway.service.RateLimitedException;
import io.tradeflow.platform.problem.Problems;

/** The gateway's own refusals as problem+json; a rate limit also tells the partner when to come back. */
public class GatewayProblems {

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e) {
        Response problem = Problems.response(429, "rate-limited", "Too many requests", e.getMessage());
        return Response.fromResponse(problem).header("Retry-After", String.valueOf(e.retryAfterSeconds())).build();
    }
}
