package io.tradeflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.tradeflow.testinfra.TestTokens;

/** The verified-token cache against the real smallrye-jwt verifier and the test key pair (no Quarkus needed). */
class VerifiedTokensTest {
    private static final String PRIVATE_KEY = "testinfra-jwt-private.pem";

    /** The real verifier, counting the verifications it performs; no clock skew so expiry is exact. */
    static final class CountingVerifier extends DefaultJWTParser {
        final AtomicInteger verifications = new AtomicInteger();

        CountingVerifier() {
            super(context());
        }

        private static JWTAuthContextInfo context() {
            JWTAuthContextInfo info = new JWTAuthContextInfo("testinfra-jwt-public.pem", TestTokens.ISSUER);
            info.setExpectedAudience(Set.of(TestTokens.AUDIENCE));
            info.setClockSkew(0);
            return info;
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verifications.incrementAndGet();
            return super.parse(token);
        }
    }

    @Test
    void aTokenSeenBeforeIsNotVerifiedAgainButKeepsItsClaims() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.systemUTC(), Duration.ofMinutes(5), 100);
        String token = TestTokens.forRole("storefront");

        JsonWebToken first = tokens.parse(token);
        JsonWebToken again = tokens.parse(token);

        assertThat(verifier.verifications).hasValue(1);
        assertThat(again.getGroups()).containsExactly("storefront");
        assertThat(again.getSubject()).isEqualTo(first.getSubject());
    }

    @Test
    void aTamperedCopyOfACachedTokenIsStillRefused() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.systemUTC(), Duration.ofMinutes(5), 100);
        String token = TestTokens.forRole("storefront");
        tokens.parse(token);

        String[] parts = token.split("\\.");
        // Same header and signature, payload claiming the operations role: the signature no longer matches.
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("storefront", "operations")
                        .getBytes());
        String forged = parts[0] + "." + forgedPayload + "." + parts[2];
        char last = parts[2].charAt(parts[2].length() - 2);
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);

        assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse(badSignature)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse(token + "x")).isInstanceOf(ParseException.class);
        assertThat(tokens.parse(token).getGroups()).containsExactly("storefront");
    }

    @Test
    void aCachedTokenIsRefusedOnceItHasExpired() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.systemUTC(), Duration.ofMinutes(5), 100);
        Instant exp = Instant.now().plusSeconds(2);
        String shortLived = Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).subject("brief").upn("brief")
                .groups(Set.of("crm")).issuedAt(Instant.now().minusSeconds(1)).expiresAt(exp).sign(PRIVATE_KEY);

        assertThat(tokens.parse(shortLived).getGroups()).containsExactly("crm");
        Thread.sleep(Math.max(0, exp.toEpochMilli() - System.currentTimeMillis()) + 1100);

        assertThatThrownBy(() -> tokens.parse(shortLived)).isInstanceOf(ParseException.class);
        assertThat(verifier.verifications).hasValue(2);
    }

    @Test
    void refusalsAreNotRememberedAndEntriesLastNoLongerThanTheTtl() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        MovableClock clock = new MovableClock();
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock, Duration.ofSeconds(30), 100);
        String wrongIssuer = TestTokens.fromWrongIssuer("storefront");
        assertThatThrownBy(() -> tokens.parse(wrongIssuer)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse(wrongIssuer)).isInstanceOf(ParseException.class);
        assertThat(verifier.verifications).hasValue(2);

        String token = TestTokens.forRole("crm");
        tokens.parse(token);
        clock.now = clock.now.plusSeconds(29);
        tokens.parse(token);
        assertThat(verifier.verifications).hasValue(3);
        clock.now = clock.now.plusSeconds(2);
        tokens.parse(token);
        assertThat(verifier.verifications).as("re-verified once the TTL has passed").hasValue(4);
    }

    @Test
    void manyDistinctTokensDoNotGrowTheCacheBeyondItsCapacity() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.systemUTC(), Duration.ofMinutes(5), 3);
        for (int i = 0; i < 10; i++) {
            assertThat(tokens.parse(TestTokens.forRoles("user-" + i, Set.of("crm"))).getSubject()).isEqualTo("user-" + i);
            assertThat(tokens.size()).isLessThanOrEqualTo(3);
        }
        assertThat(verifier.verifications).hasValue(10);
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.now();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
