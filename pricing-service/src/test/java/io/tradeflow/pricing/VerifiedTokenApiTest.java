package io.tradeflow.pricing;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.tradeflow.testinfra.TestTokens;
import io.tradeflow.testinfra.TradeflowTestResource;

/** Tokens through the whole HTTP stack once the service remembers the tokens it has verified. */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "pricing"))
class VerifiedTokenApiTest {

    @Test
    void aRememberedTokenStillOpensOnlyItsOwnRoleAndATamperedCopyIsRefused() {
        String storefront = TestTokens.forRole("storefront");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(storefront).when().get("/api/v1/prices/NONE?channel=storefront&currency=USD")
                    .then().statusCode(404); // through security: the SKU is simply unknown
        }
        String partner = TestTokens.forRole("partner-admin");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(partner).when().get("/api/v1/prices/NONE?channel=crm&currency=USD")
                    .then().statusCode(403).contentType("application/problem+json");
        }

        String[] parts = storefront.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        given().auth().oauth2(badSignature).when().get("/api/v1/prices/NONE?channel=storefront&currency=USD")
                .then().statusCode(401).contentType("application/problem+json");
        // The payload of a partner token under the storefront token's signature.
        String spliced = parts[0] + "." + partner.split("\\.")[1] + "." + parts[2];
        given().auth().oauth2(spliced).when().get("/api/v1/prices/NONE?channel=storefront&currency=USD")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expired = Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).subject("late").upn("late")
                .groups(Set.of("storefront")).issuedAt(Instant.now().minusSeconds(3600))
                .expiresAt(Instant.now().minusSeconds(600)).sign("testinfra-jwt-private.pem");
        given().auth().oauth2(expired).when().get("/api/v1/prices/NONE?channel=storefront&currency=USD")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
