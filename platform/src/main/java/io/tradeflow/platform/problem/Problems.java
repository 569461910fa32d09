package io.tradeflow.platform.problem;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import io.tradeflow.platform.correlation.CorrelationIds;

/** Builds problem+json responses. */
public final class Problems {

    public static Response response(int status, String slug, String title, String detail,
                                    List<Problem.FieldError> errors, Map<String, Object> extensions) {
        Problem problem = new Problem(Problem.TYPE_BASE + slug, title, status, detail, null,
                CorrelationIds.current(), errors, extensions);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    public static Response response(int status, String slug, String title, String detail) {
        return response(status, slug, title, detail, List.of(), Map.of());
    }

    private Problems() {
    }
}
