package io.tradeflow.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * A refusal the client can act on (bad input, conflict, insufficient stock...), answered as problem+json.
 * Business code throws it; it is never logged as an error.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of(), Map.of());
    }

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors,
                            Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
        this.extensions = extensions;
    }

    /** 400 naming one field. */
    public static ProblemException invalidField(String field, String reason) {
        return new ProblemException(400, "validation", "Invalid request", field + ": " + reason,
                List.of(new Problem.FieldError(field, reason)), Map.of());
    }

    /** 413: {@code what} ("the document") has {@code size} bytes, more than the {@code limit} accepted. */
    public static ProblemException payloadTooLarge(String what, int size, int limit) {
        return new ProblemException(413, "payload-too-large", "Payload too large",
                what + " has " + size + " bytes; this gateway accepts at most " + limit);
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "not-found", what + " not found", what + " " + id + " does not exist");
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(409, slug, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
