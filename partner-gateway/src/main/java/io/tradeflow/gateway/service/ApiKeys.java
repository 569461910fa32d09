package io.tradeflow.gateway.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Partner API keys: random, shown once, stored only as SHA-256 over a per-partner salt and the key, and
 * compared in constant time so timing reveals nothing.
 */
public final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Issued(String key, String salt, String hash) {
    }

    public static Issued issue() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String key = "tfp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String saltHex = HexFormat.of().formatHex(salt);
        return new Issued(key, saltHex, hash(saltHex, key));
    }

    public static boolean matches(String presented, String salt, String expectedHash) {
        if (presented == null || presented.isBlank() || presented.length() > 200) {
            return false;
        }
        return MessageDigest.isEqual(hash(salt, presented).getBytes(StandardCharsets.US_ASCII),
                expectedHash.getBytes(StandardCharsets.US_ASCII));
    }

    static String hash(String salt, String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private ApiKeys() {
    }
}
