package io.tradeflow.platform.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.tradeflow.contracts.json.StorableValues;

/**
 * Turns every failure of a REST call into problem+json: validation errors name the field, security
 * refusals are 401/403, and an unexpected error says nothing internal (only a reference to find it in the logs).
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** A restarted PostgreSQL (crash recovery included) serves again within seconds; the pool reconnects by itself. */
    private static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response business(ProblemException e) {
        return Problems.response(e.status(), e.slug(), e.title(), e.getMessage(), e.errors(), e.extensions());
    }

    /** Quarkus REST's own validation exception; mapped here so it is problem+json, not its JSON report. */
    @ServerExceptionMapper(priority = 1)
    public Response invalidRequest(ResteasyReactiveViolationException e) {
        return invalid(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalid(ConstraintViolationException e) {
        return business(invalid(e.getConstraintViolations()));
    }

    /**
     * The 400 for Bean Validation's violations, each naming its field as the client sent it: public for code that
     * validates a body it read itself (to audit the refusal, say), so the client reads the same refusal either way.
     */
    public static ProblemException invalid(java.util.Set<? extends ConstraintViolation<?>> violations) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : violations) {
            errors.add(new Problem.FieldError(fieldName(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        String detail = errors.stream().map(f -> f.field() + ": " + f.reason()).reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return new ProblemException(400, "validation", "Invalid request", detail, errors, Map.of());
    }

    /** Replaces Quarkus' built-in JSON mappers for a wrongly typed field, so clients get problem+json. */
    @ServerExceptionMapper(priority = 1)
    public Response mistyped(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response notJson(JsonParseException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return business(unreadableBody(e));
    }

    /** The 400 for a body Jackson could not read, naming the field it stopped at: public as {@link #invalid} is. */
    public static ProblemException unreadableBody(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? jsonPath(mapping) : "body";
        String reason = e instanceof StorableValues.UnstorableValueException unstorable ? unstorable.reason()
                : e instanceof JsonMappingException ? "has the wrong type or format" : "is not valid JSON";
        return new ProblemException(400, "malformed-body", "Malformed request body", field + " " + reason,
                List.of(new Problem.FieldError(field, reason)), Map.of());
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problems.response(403, "forbidden", "Forbidden", "Your token does not grant a role allowed here");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        if (e.getCause() instanceof ParameterConverters.InvalidParameterException invalid) {
            return Problems.response(400, "validation", "Invalid request", invalid.field() + ": " + invalid.getMessage(),
                    List.of(new Problem.FieldError(invalid.field(), invalid.getMessage())), Map.of());
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Request refused"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return Problems.response(status, slug(title), title, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        // A value PostgreSQL refused as data (SQLSTATE class 22: too long, out of range, a NUL character) that
        // validation did not catch first, however Hibernate Reactive wrapped it. The transaction rolled back, so
        // nothing was half-written: the client is told it was its value. The field is unknown at this point.
        StorageRefusals.Refusal refused = StorageRefusals.of(e);
        if (refused != null) {
            String reason = refused.reason();
            LOG.debugf(e, "value refused by PostgreSQL: %s", reason);
            return Problems.response(400, "unstorable-value", "Value cannot be stored", reason,
                    List.of(new Problem.FieldError("body", reason)), Map.of());
        }
        if (DatabaseOutages.unreachable(e)) {
            // Health checks report the outage; one stack trace per refused request would bury everything else.
            LOG.warnf("Database unreachable, request answered 503: %s", e.getMessage());
            Response problem = Problems.response(503, "unavailable", "Service unavailable",
                    "The service cannot reach its database just now, so the request was most likely not applied. Retry "
                            + "shortly, with the same Idempotency-Key where the endpoint takes one.");
            return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, reference %s", reference);
        return Problems.response(500, "internal", "Internal error",
                "The request could not be completed. Reference " + reference + " identifies it in the service logs.");
    }

    private static Response unauthorized() {
        Response problem = Problems.response(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required");
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** "place.request.lines[0].sku" → "lines[0].sku": clients know their fields, not our method names. */
    static String fieldName(Path path) {
        List<String> nodes = new ArrayList<>();
        boolean parameterSeen = false;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE -> {
                }
                case PARAMETER -> parameterSeen = true;
                default -> {
                    String name = node.getName();
                    if (node.getIndex() != null && !nodes.isEmpty()) {
                        nodes.set(nodes.size() - 1, nodes.get(nodes.size() - 1) + "[" + node.getIndex() + "]");
                    }
                    if (name != null) {
                        nodes.add(name);
                    }
                }
            }
        }
        if (nodes.isEmpty()) {
            String full = path.toString();
            return parameterSeen ? full.substring(full.lastIndexOf('.') + 1) : full;
        }
        return String.join(".", nodes);
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
