package io.tradeflow.testinfra;

import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Mints JWTs signed by the test key pair, the way an identity provider would for a channel app or an operator. */
public final class TestTokens {
    public static final String ISSUER = "https://tradeflow.test/issuer";
    public static final String AUDIENCE = "tradeflow";
    static final String PUBLIC_KEY_LOCATION = "testinfra-jwt-public.pem";
    private static final String PRIVATE_KEY_LOCATION = "testinfra-jwt-private.pem";

    public static String forRole(String role) {
        return forRoles("test-" + role, Set.of(role));
    }

    public static String forRoles(String subject, Set<String> roles) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .expiresIn(Duration.ofHours(2))
                .sign(PRIVATE_KEY_LOCATION);
    }

    /** A token from an issuer the service does not trust. */
    public static String fromWrongIssuer(String role) {
        return Jwt.issuer("https://evil.example/issuer").audience(AUDIENCE).subject("intruder")
                .groups(Set.of(role)).expiresIn(Duration.ofHours(1)).sign(PRIVATE_KEY_LOCATION);
    }

    private TestTokens() {
    }
}
