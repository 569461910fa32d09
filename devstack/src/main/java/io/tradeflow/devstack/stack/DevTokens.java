package io.tradeflow.devstack.stack;

import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Mints development JWTs the services accept: same issuer, audience and key as they are configured with. */
public final class DevTokens {
    public static final String ISSUER = "https://tradeflow.local/issuer";
    public static final String AUDIENCE = "tradeflow";
    public static final Duration USER_TOKEN_LIFETIME = Duration.ofHours(8);
    /** Service tokens live as long as a dev stack could plausibly run; they are re-minted at each start. */
    public static final Duration SERVICE_TOKEN_LIFETIME = Duration.ofDays(30);

    private final DevKeys keys;

    public DevTokens(DevKeys keys) {
        this.keys = keys;
    }

    public String mint(String subject, String role, Duration lifetime) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .expiresIn(lifetime)
                .sign(keys.privateKey());
    }

    /** The token a service presents to the other services (role {@code service}). */
    public String serviceToken(String serviceName) {
        return mint(serviceName, "service", SERVICE_TOKEN_LIFETIME);
    }
}
