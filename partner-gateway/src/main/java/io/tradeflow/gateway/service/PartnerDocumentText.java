package io.tradeflow.gateway.service;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.tradeflow.platform.problem.ProblemException;

/**
 * A partner's document as text. Read from bytes because Quarkus REST decodes a String body as UTF-8 whatever the
 * Content-Type says, which turned a Latin-1 partner's accented names into U+FFFD.
 * <ul>
 * <li>JSON is UTF-8 (RFC 8259), whatever charset a client puts on it.</li>
 * <li>X12 in the charset its Content-Type declares; undeclared, UTF-8, or Windows-1252 when the bytes are no UTF-8:
 * what translators on Windows send without saying so, and a superset of Latin-1.</li>
 * </ul>
 * Bytes that are no text in a declared charset become U+FFFD, which the 850 rules refuse by element.
 */
public final class PartnerDocumentText {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    public static String decode(byte[] body, String contentType) {
        if (body == null) {
            return "";
        }
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("application/json")) {
            return new String(body, StandardCharsets.UTF_8);
        }
        String declared = charsetOf(contentType);
        if (declared != null) {
            try {
                return new String(body, Charset.forName(declared));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("Content-Type", "charset " + declared + " is not one this "
                        + "gateway reads; send UTF-8 or declare a standard charset such as ISO-8859-1");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(body, WINDOWS_1252);
        }
    }

    /** The Content-Type's charset parameter, parsed as JAX-RS parses media types; null without one. */
    private static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            for (var parameter : jakarta.ws.rs.core.MediaType.valueOf(contentType).getParameters().entrySet()) {
                if (parameter.getKey().equalsIgnoreCase(jakarta.ws.rs.core.MediaType.CHARSET_PARAMETER)) {
                    return parameter.getValue();
                }
            }
            return null;
        } catch (IllegalArgumentException unparsable) {
            return null; // dispatch answers an unusable Content-Type with 415
        }
    }

    private PartnerDocumentText() {
    }
}
