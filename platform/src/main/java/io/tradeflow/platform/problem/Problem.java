package io.tradeflow.platform.problem;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}).
 *
 * @param type          a URI naming the kind of problem, e.g. {@code https://tradeflow.io/problems/insufficient-stock}
 * @param errors        for validation problems: each offending field and why
 * @param correlationId lets operations find the request in logs and traces
 * @param extensions    problem-specific members (e.g. the shortfall per line), serialised at top level
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      String correlationId, List<FieldError> errors,
                      @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://tradeflow.io/problems/";

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }

    /** One invalid input: the field as the client named it, and the reason. */
    @RegisterForReflection
    public record FieldError(String field, String reason) {
    }
}
