package io.tradeflow.platform.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Remembers the bearer tokens smallrye-jwt has already verified, keyed by the raw token, until the token's own
 * expiry (or {@code tradeflow.security.verified-token-ttl}, whichever is sooner).
 * <p>
 * Why: a channel app sends the same token on every call for its lifetime, and verifying it again (RS256 signature,
 * then issuer, audience and time claims, then turning the claims into a principal) was the largest single cost of
 * a quote in the pricing benchmark's profile and 7.7% of the order intake's in the orchestrator's; as a library
 * bean it serves every service. Only successes are remembered: any other string, including a token whose
 * signature or claims were altered by one character, misses and is verified in full, so it is refused as before.
 * An entry is never used at or after the token's {@code exp}: past that the full verifier decides again (with its
 * clock skew), so the cache can only be stricter than the verifier, never more lenient. The TTL bounds how long a
 * verification-key rotation takes to reach tokens already seen.
 */
@Alternative
@Priority(1)
@Singleton
public class VerifiedTokens implements JWTParser {
    private final JWTParser verifier;
    private final Clock clock;
    private final long ttlMillis;
    private final int capacity;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    public VerifiedTokens(DefaultJWTParser verifier,
                          @ConfigProperty(name = "tradeflow.security.verified-token-ttl", defaultValue = "PT5M") Duration ttl,
                          @ConfigProperty(name = "tradeflow.security.verified-token-capacity", defaultValue = "10000") int capacity) {
        this(verifier, Clock.systemUTC(), ttl, capacity);
    }

    VerifiedTokens(JWTParser verifier, Clock clock, Duration ttl, int capacity) {
        this.verifier = verifier;
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.capacity = capacity;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.millis();
        Verified known = verified.get(token);
        if (known != null) {
            if (now < known.usableUntil) {
                return known.jwt;
            }
            verified.remove(token, known);
        }
        JsonWebToken jwt = verifier.parse(token);
        remember(token, jwt, now);
        return jwt;
    }

    private void remember(String token, JsonWebToken jwt, long now) {
        long exp = jwt.getExpirationTime();
        if (exp <= 0) {
            return; // no expiry claim: nothing bounds it, verify every time
        }
        long usableUntil = Math.min(exp * 1000, now + ttlMillis);
        if (usableUntil <= now) {
            return;
        }
        if (verified.size() >= capacity) {
            verified.values().removeIf(v -> v.usableUntil <= now);
            if (verified.size() >= capacity) {
                // Many distinct live tokens: start afresh rather than track recency on every hit.
                verified.clear();
            }
        }
        verified.put(token, new Verified(jwt, usableUntil));
    }

    int size() {
        return verified.size();
    }

    private record Verified(JsonWebToken jwt, long usableUntil) {
    }

    // Explicit keys or contexts are one-off verifications by application code: never cached.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
