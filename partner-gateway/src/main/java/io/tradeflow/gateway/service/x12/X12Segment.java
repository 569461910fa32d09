package io.tradeflow.gateway.service.x12;

import java.util.List;

/**
 * One segment as read: its tag, its elements (1-based like the standard: {@code element(1)} is BEG01;
 * composite components are kept joined by the interchange's component separator) and its position in
 * the interchange (ISA = 1).
 */
public record X12Segment(String tag, List<String> elements, int position) {

    /** The element at the standard's 1-based position, or "" when absent. */
    public String element(int index) {
        return index >= 1 && index <= elements.size() ? elements.get(index - 1) : "";
    }

    public boolean has(int index) {
        return !element(index).isEmpty();
    }
}
