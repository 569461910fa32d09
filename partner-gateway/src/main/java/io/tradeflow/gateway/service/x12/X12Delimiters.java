package io.tradeflow.gateway.service.x12;

/** The separators of an interchange: read from an inbound ISA, chosen per partner for outbound. */
public record X12Delimiters(char element, char component, char segment) {
    public static final X12Delimiters STANDARD = new X12Delimiters('*', '>', '~');

    /** Delimiters must differ from each other and from the characters data may contain. */
    public boolean usable() {
        return element != component && element != segment && component != segment
                && !Character.isLetterOrDigit(element) && !Character.isLetterOrDigit(component)
                && !Character.isLetterOrDigit(segment) && element != ' ' && component != ' ';
    }
}
