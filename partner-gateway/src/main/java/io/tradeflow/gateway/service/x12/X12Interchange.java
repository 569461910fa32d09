package io.tradeflow.gateway.service.x12;

import java.util.List;

/**
 * What the reader saw in an inbound interchange: every segment in order, the validation errors StAEDI
 * reported, and — when the stream could not be read to its end — why.
 *
 * @param fatal null when the whole interchange was read; otherwise the reason reading stopped
 */
public record X12Interchange(X12Delimiters delimiters, List<X12Segment> segments, List<ReaderError> errors,
                             String fatal) {

    /**
     * A problem StAEDI found while reading.
     *
     * @param type      StAEDI's EDIStreamValidationError name, e.g. CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT
     * @param reference the data element reference number (e.g. 96 for SE01), may be null
     */
    public record ReaderError(String type, String segmentTag, int segmentPosition, int elementPosition,
                              String reference, String text) {
    }

    public X12Segment first(String tag) {
        return segments.stream().filter(s -> s.tag().equals(tag)).findFirst().orElse(null);
    }
}
