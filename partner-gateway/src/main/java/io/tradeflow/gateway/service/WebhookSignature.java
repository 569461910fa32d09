package io.tradeflow.gateway.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature partners verify: HMAC-SHA256 with the shared secret over {@code <timestamp>.<body>}, sent as
 * {@code X-Tradeflow-Signature: sha256=<hex>} beside {@code X-Tradeflow-Timestamp} (epoch seconds). Signing the
 * timestamp too lets a partner refuse an old push replayed by someone who captured it.
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "X-Tradeflow-Signature";
    public static final String TIMESTAMP_HEADER = "X-Tradeflow-Timestamp";

    private WebhookSignature() {
    }

    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
