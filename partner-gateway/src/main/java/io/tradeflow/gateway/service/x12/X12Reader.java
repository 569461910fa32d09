package io.tradeflow.gateway.service.x12;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamConstants;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.Location;

/**
 * Reads an X12 interchange with StAEDI into segments. StAEDI detects the delimiters from the ISA and
 * checks the control structure (ISA/IEA, GS/GE, ST/SE references and counts, ISA dates); its findings are
 * kept as {@link X12Interchange.ReaderError}s for the acknowledgment. Pure and thread-safe.
 */
public final class X12Reader {
    // The factory is thread-safe once configured; readers are not and are made per interchange.
    private static final EDIInputFactory FACTORY = EDIInputFactory.newFactory();
    private static final int ISA_LENGTH = 106;

    public static X12Interchange read(String text) {
        List<X12Segment> segments = new ArrayList<>();
        List<X12Interchange.ReaderError> errors = new ArrayList<>();
        X12Delimiters delimiters = null;
        String fatal = null;
        // UTF-8 both ways (StAEDI decodes UTF-8 by default): a ship-to or item description with an accented or
        // non-Latin letter reads as sent. Latin-1 bytes read as UTF-8 made such an 850 unreadable past that element.
        try (EDIStreamReader reader = FACTORY.createEDIStreamReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            String tag = null;
            int position = 0;
            List<String> elements = null;
            StringBuilder composite = null;
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_INTERCHANGE -> delimiters = delimiters(reader.getDelimiters());
                    case START_SEGMENT -> {
                        tag = reader.getText();
                        position = reader.getLocation().getSegmentPosition();
                        elements = new ArrayList<>();
                    }
                    case START_COMPOSITE -> composite = new StringBuilder();
                    case END_COMPOSITE -> {
                        addElement(elements, reader.getLocation(), composite.toString());
                        composite = null;
                    }
                    case ELEMENT_DATA -> {
                        if (composite != null) {
                            int component = reader.getLocation().getComponentPosition();
                            while (countComponents(composite, delimiters) < component - 1) {
                                composite.append(delimiters.component());
                            }
                            composite.append(reader.getText());
                        } else if (elements != null) {
                            addElement(elements, reader.getLocation(), reader.getText());
                        }
                    }
                    case END_SEGMENT -> {
                        segments.add(new X12Segment(tag, List.copyOf(elements), position));
                        elements = null;
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> {
                        Location at = reader.getLocation();
                        errors.add(new X12Interchange.ReaderError(reader.getErrorType().name(), at.getSegmentTag(),
                                at.getSegmentPosition(), at.getElementPosition(), reader.getReferenceCode(),
                                safeText(reader)));
                    }
                    default -> {
                    }
                }
            }
        } catch (Exception e) {
            fatal = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (segments.isEmpty() && fatal != null) {
            return fixedIsa(text, fatal);
        }
        return new X12Interchange(delimiters, List.copyOf(segments), List.copyOf(errors), fatal);
    }

    /**
     * When StAEDI cannot even start (typically unusable delimiters), the ISA's fixed layout still tells
     * who sent it and its control number, so the partner can get a TA1 instead of silence.
     */
    private static X12Interchange fixedIsa(String text, String fatal) {
        if (!text.startsWith("ISA") || text.length() < ISA_LENGTH) {
            return new X12Interchange(null, List.of(), List.of(), fatal);
        }
        int[][] fields = {{4, 6}, {7, 17}, {18, 20}, {21, 31}, {32, 34}, {35, 50}, {51, 53}, {54, 69}, {70, 76},
                {77, 81}, {82, 83}, {84, 89}, {90, 99}, {100, 101}, {102, 103}, {104, 105}};
        List<String> elements = new ArrayList<>();
        for (int[] field : fields) {
            elements.add(text.substring(field[0], field[1]));
        }
        X12Delimiters declared = new X12Delimiters(text.charAt(3), text.charAt(104), text.charAt(105));
        return new X12Interchange(declared, List.of(new X12Segment("ISA", List.copyOf(elements), 1)), List.of(),
                fatal);
    }

    private static void addElement(List<String> elements, Location at, String value) {
        int index = at.getElementPosition();
        while (elements.size() < index - 1) {
            elements.add("");
        }
        if (elements.size() == index - 1) {
            elements.add(value);
        } else if (index >= 1 && index <= elements.size()) {
            // A repeated element: keep the first occurrence, the 850 mapping never needs repeats.
            if (elements.get(index - 1).isEmpty()) {
                elements.set(index - 1, value);
            }
        }
    }

    private static int countComponents(StringBuilder composite, X12Delimiters delimiters) {
        int count = 0;
        for (int i = 0; i < composite.length(); i++) {
            if (composite.charAt(i) == delimiters.component()) {
                count++;
            }
        }
        return count;
    }

    private static String safeText(EDIStreamReader reader) {
        try {
            return reader.getText();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static X12Delimiters delimiters(Map<String, Character> map) {
        return new X12Delimiters(map.getOrDefault(EDIStreamConstants.Delimiters.DATA_ELEMENT, '*'),
                map.getOrDefault(EDIStreamConstants.Delimiters.COMPONENT_ELEMENT, '>'),
                map.getOrDefault(EDIStreamConstants.Delimiters.SEGMENT, '~'));
    }

    private X12Reader() {
    }
}
