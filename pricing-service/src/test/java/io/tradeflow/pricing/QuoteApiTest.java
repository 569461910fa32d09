package io.tradeflow.pricing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.testinfra.TestTokens;
import io.tradeflow.testinfra.TradeflowTestResource;

/** The quote API as channels use it, priced from ERP and CRM events stubbed at the connector boundary. */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "pricing"))
class QuoteApiTest {
    @Inject
    InMemorySpanExporter spans;

    @Test
    void contractBeatsTierBeatsListAndEachLineExplainsItselfWithStubbedErpAndCrm() {
        String contracted = ErpFeed.sku();
        String tiered = ErpFeed.sku();
        String unknown = ErpFeed.sku();
        String customer = "CUST-" + UUID.randomUUID();
        ErpFeed.account(customer, "GOLD", null);
        ErpFeed.listPrice("LP-" + contracted, 1, contracted, "10.00");
        ErpFeed.listPrice("LP-" + tiered, 1, tiered, "20.00");
        ErpFeed.send(CloudEventTypes.TIER_PRICE, tiered, "{\"erpRecordId\":\"TP-" + tiered + "\",\"version\":4,"
                + "\"tier\":\"GOLD\",\"sku\":\"" + tiered + "\",\"price\":{\"amount\":18.00,\"currency\":\"USD\"},"
                + "\"unitOfMeasure\":\"EA\",\"validTo\":\"2099-12-31\"}");
        ErpFeed.send(CloudEventTypes.CONTRACT_PRICE, customer, "{\"erpRecordId\":\"CP-" + contracted
                + "\",\"version\":2,\"contractId\":\"CTR-9\",\"customerId\":\"" + customer + "\",\"sku\":\"" + contracted
                + "\",\"price\":{\"amount\":7.5,\"currency\":\"USD\"},\"unitOfMeasure\":\"EA\"}");
        awaitPrice(contracted, customer, "7.50");
        awaitPrice(tiered, customer, "18.00");

        String body = "{\"customerId\":\"" + customer + "\",\"channel\":\"crm\",\"currency\":\"USD\",\"lines\":["
                + line(contracted, 4) + "," + line(tiered, 2) + "," + line(unknown, 1) + "]}";
        JsonPath quote = given().auth().oauth2(TestTokens.forRole("crm")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/quotes")
                .then().statusCode(201).header("Location", containsString("/api/v1/quotes/"))
                .extract().jsonPath();
        assertThat(quote.getString("lines[0].rule")).isEqualTo("CONTRACT");
        assertThat(new BigDecimal(quote.getString("lines[0].extendedPrice.amount"))).isEqualByComparingTo("30.00");
        assertThat(quote.getList("lines[0].sources", Map.class))
                .containsExactly(Map.of("erpRecordId", "CP-" + contracted, "version", 2));
        assertThat(quote.getString("lines[1].rule")).isEqualTo("TIER");
        assertThat(quote.getString("lines[1].validUntil")).startsWith("2100-01-01T00:00");
        assertThat(quote.getString("lines[2].unpriceableReason")).isEqualTo("UNKNOWN_SKU");
        assertThat(quote.getString("lines[2].unitPrice")).isNull();
        assertThat(new BigDecimal(quote.getString("total.amount"))).isEqualByComparingTo("66.00");
        assertThat(quote.getString("currency")).isEqualTo("USD");

        String id = quote.getString("quoteId");
        given().auth().oauth2(TestTokens.forRole("service")).when().get("/api/v1/quotes/" + id)
                .then().statusCode(200).body("quoteId", equalTo(id)).body("total.amount", equalTo(66.00f))
                .body("lines[1].sources[0].erpRecordId", equalTo("TP-" + tiered));
        given().auth().oauth2(TestTokens.forRole("service")).when().get("/api/v1/quotes/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");

        String traceQuote = quote.getString("quoteId");
        assertThat(traceQuote).isNotBlank();
        await().atMost(ErpFeed.PATIENCE).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .anySatisfy(span -> {
                    assertThat(span.getName()).contains("/api/v1/quotes");
                    assertThat(span.getAttributes().asMap().toString()).contains(customer).contains("crm");
                }));
    }

    @Test
    void everyQuoteOfAConcurrentBurstIsKeptBeforeItsCallerGetsItAndReadsBackByteForByte() throws Exception {
        String sku = ErpFeed.sku();
        ErpFeed.listPrice("LP-" + sku, 1, sku, "2.25");
        awaitPrice(sku, "BURST", "2.25");
        String token = TestTokens.forRole("storefront");
        // Enough callers at once that quotes share group-commit batches (QuoteArchive).
        int callers = 64;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            java.util.List<java.util.concurrent.Future<String[]>> made = new java.util.ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int quantity = i + 1;
                made.add(pool.submit(() -> {
                    var response = given().auth().oauth2(token).contentType(ContentType.JSON)
                            .body("{\"customerId\":\"BURST\",\"channel\":\"storefront\",\"currency\":\"USD\","
                                    + "\"lines\":[" + line(sku, quantity) + "]}")
                            .when().post("/api/v1/quotes");
                    assertThat(response.statusCode()).isEqualTo(201);
                    String id = response.jsonPath().getString("quoteId");
                    // Read at once, no waiting: a quote the caller has is already committed.
                    String kept = given().auth().oauth2(token).when().get("/api/v1/quotes/" + id)
                            .then().statusCode(200).extract().asString();
                    return new String[] {response.asString(), kept, id};
                }));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var future : made) {
                String[] both = future.get(120, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(both[1]).isEqualTo(both[0]);
                ids.add(both[2]);
            }
            assertThat(ids).hasSize(callers);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnknownCustomerIsPricedAtListAndFlagged() {
        String sku = ErpFeed.sku();
        ErpFeed.listPrice("LP-" + sku, 1, sku, "3.10");
        awaitPrice(sku, "NOBODY", "3.10");
        given().auth().oauth2(TestTokens.forRole("storefront")).contentType(ContentType.JSON)
                .body("{\"customerId\":\"NOBODY-" + UUID.randomUUID() + "\",\"channel\":\"storefront\","
                        + "\"currency\":\"USD\",\"lines\":[" + line(sku, 3) + "]}")
                .when().post("/api/v1/quotes")
                .then().statusCode(201).body("lines[0].rule", equalTo("LIST"))
                .body("lines[0].unitPrice.amount", equalTo(3.10f)).body("warnings", hasItem("customer-unknown"));
    }

    @Test
    void aCustomerWithAnErpContractButNoCrmAccountYetIsNotFlaggedUnknown() {
        String sku = ErpFeed.sku();
        String customer = "ERPONLY-" + UUID.randomUUID();
        ErpFeed.listPrice("LP-" + sku, 1, sku, "10.00");
        ErpFeed.send(CloudEventTypes.CONTRACT_PRICE, customer, "{\"erpRecordId\":\"CP-" + sku + "\",\"version\":1,"
                + "\"contractId\":\"CTR-E\",\"customerId\":\"" + customer + "\",\"sku\":\"" + sku
                + "\",\"price\":{\"amount\":8,\"currency\":\"USD\"},\"unitOfMeasure\":\"EA\"}");
        awaitPrice(sku, customer, "8.00");
        given().auth().oauth2(TestTokens.forRole("storefront")).contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"channel\":\"storefront\",\"currency\":\"USD\","
                        + "\"lines\":[" + line(sku, 1) + "]}")
                .when().post("/api/v1/quotes")
                .then().statusCode(201).body("lines[0].rule", equalTo("CONTRACT")).body("warnings", nullValue());
    }

    @Test
    void storefrontAndCrmGetTheSamePriceExceptWhereAPromotionIsScopedToAChannel() {
        String sku = ErpFeed.sku();
        String customer = "CUST-" + UUID.randomUUID();
        ErpFeed.account(customer, "SILVER", null);
        ErpFeed.listPrice("LP-" + sku, 1, sku, "50.00");
        ErpFeed.send(CloudEventTypes.VOLUME_BREAK, sku, "{\"erpRecordId\":\"VB-" + sku + "\",\"version\":1,\"sku\":\""
                + sku + "\",\"level\":\"LIST\",\"minimumQuantity\":10,\"percentOff\":10}");
        awaitPrice(sku, customer, "50.00");
        BigDecimal crm = quoteTotal(customer, "crm", sku, 10);
        BigDecimal storefront = quoteTotal(customer, "storefront", sku, 10);
        assertThat(crm).isEqualByComparingTo(storefront).isEqualByComparingTo("450.00");

        ErpFeed.send(CloudEventTypes.PROMOTION, sku, "{\"erpRecordId\":\"PR-" + sku + "\",\"version\":1,"
                + "\"promotionId\":\"WEB-" + sku + "\",\"name\":\"Web week\",\"percentOff\":20,"
                + "\"channels\":[\"storefront\"],\"skus\":[\"" + sku + "\"],\"stackable\":false}");
        await().atMost(ErpFeed.PATIENCE).until(() -> quoteTotal(customer, "storefront", sku, 10).compareTo(new BigDecimal("360")) == 0);
        assertThat(quoteTotal(customer, "crm", sku, 10)).isEqualByComparingTo("450.00");
    }

    @Test
    void aQuantityBreakingTheErpQuantityRuleIsFlaggedWhileTheOtherLinesArePriced() {
        String sku = ErpFeed.sku();
        String other = ErpFeed.sku();
        ErpFeed.listPrice("LP-" + sku, 1, sku, "1.00");
        ErpFeed.listPrice("LP-" + other, 1, other, "2.00");
        ErpFeed.send(CloudEventTypes.QUANTITY_RULE, sku, "{\"erpRecordId\":\"QR-" + sku + "\",\"version\":1,\"sku\":\""
                + sku + "\",\"unitOfMeasure\":\"EA\",\"minimum\":12,\"increment\":12}");
        await().atMost(ErpFeed.PATIENCE).until(() -> "NOT_A_QUANTITY_INCREMENT".equals(given()
                .auth().oauth2(TestTokens.forRole("crm")).when()
                .get("/api/v1/prices/" + sku + "?channel=crm&currency=USD&quantity=13")
                .then().extract().jsonPath().getString("unpriceableReason")));
        awaitPrice(other, "X", "2.00");
        given().auth().oauth2(TestTokens.forRole("crm")).contentType(ContentType.JSON)
                .body("{\"customerId\":\"C-1\",\"channel\":\"crm\",\"currency\":\"USD\",\"lines\":["
                        + line(sku, 6) + "," + line(other, 5) + "]}")
                .when().post("/api/v1/quotes")
                .then().statusCode(201)
                .body("lines[0].unpriceableReason", equalTo("BELOW_MINIMUM_QUANTITY"))
                .body("lines[0].extendedPrice", nullValue())
                .body("lines[1].extendedPrice.amount", equalTo(10.00f))
                .body("total.amount", equalTo(10.00f));
    }

    @Test
    void badRequestsGetProblemJsonNamingTheField() {
        String token = TestTokens.forRole("storefront");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"customerId\":\"C\",\"channel\":\"storefront\",\"currency\":\"usd\",\"lines\":[]}")
                .when().post("/api/v1/quotes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("currency")).body("errors.field", hasItem("lines"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"customerId\":\"C\",\"channel\":\"storefront\",\"currency\":\"USD\",\"lines\":["
                        + "{\"sku\":\"A\",\"quantity\":-1}]}")
                .when().post("/api/v1/quotes")
                .then().statusCode(400).body("errors.field", hasItem("lines[0].quantity"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"customerId\":\"C\",\"channel\":\"storefront\",\"currency\":\"XQQ\",\"lines\":["
                        + "{\"sku\":\"A\",\"quantity\":1}]}")
                .when().post("/api/v1/quotes")
                .then().statusCode(400).body("errors.field", hasItem("currency"));
        given().auth().oauth2(token).when().get("/api/v1/prices/A?channel=storefront&currency=USD&quantity=lots")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("quantity"));
        given().auth().oauth2(token).when().get("/api/v1/prices/A?currency=USD")
                .then().statusCode(400).body("errors.field", hasItem("channel"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"customerId\":\"C\",\"channel\":\"storefront\",\"currency\":\"USD\",\"lines\":["
                        + "{\"sku\":\"A\",\"quantity\":1e100000}]}")
                .when().post("/api/v1/quotes")
                .then().statusCode(400).body("errors.field", hasItem("lines[0].quantity"))
                .body("detail", containsString("10^15"));
        given().auth().oauth2(token).when().get("/api/v1/prices/A?channel=storefront&currency=USD&quantity=1e100000")
                .then().statusCode(400).body("errors.field", hasItem("quantity"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"customerId\":\"C\\u0000\",\"channel\":\"storefront\",\"currency\":\"USD\",\"lines\":["
                        + "{\"sku\":\"A\",\"quantity\":1}]}")
                .when().post("/api/v1/quotes")
                .then().statusCode(400).body("errors.field", hasItem("customerId"));
    }

    @Test
    void onlyChannelAndOperationsRolesMayQuote() {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/quotes")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forRole("partner-admin")).when()
                .get("/api/v1/prices/A?channel=crm&currency=USD")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void metricsAndOpenApiDescribeTheService() {
        String sku = ErpFeed.sku();
        ErpFeed.listPrice("LP-" + sku, 1, sku, "1.00");
        awaitPrice(sku, "M", "1.00");
        quoteTotal("M", "crm", sku, 1);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("tradeflow_pricing_quotes_total").contains("tradeflow_pricing_lines_total")
                .contains("tradeflow_pricing_pricebook_hit_ratio").contains("tradeflow_pricing_ingestion_lag");
        String openapi = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/api/v1/quotes/{id}").contains("/api/v1/prices/{sku}")
                .contains("unpriceableReason");
    }

    static String line(String sku, int quantity) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"unitOfMeasure\":\"EA\"}";
    }

    static BigDecimal quoteTotal(String customer, String channel, String sku, int quantity) {
        String total = given().auth().oauth2(TestTokens.forRole(channel.equals("crm") ? "crm" : "storefront"))
                .contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"channel\":\"" + channel + "\",\"currency\":\"USD\","
                        + "\"lines\":[" + line(sku, quantity) + "]}")
                .when().post("/api/v1/quotes").then().statusCode(201).extract().jsonPath().getString("total.amount");
        return new BigDecimal(total);
    }

    /** Waits until the replica's price book serves this unit price (ingestion is asynchronous). */
    static void awaitPrice(String sku, String customer, String amount) {
        await().atMost(ErpFeed.PATIENCE).until(() -> {
            var response = given().auth().oauth2(TestTokens.forRole("service")).when()
                    .get("/api/v1/prices/" + sku + "?channel=crm&currency=USD&customerId=" + customer);
            return response.statusCode() == 200
                    && response.jsonPath().getString("unitPrice.amount") != null
                    && new BigDecimal(response.jsonPath().getString("unitPrice.amount"))
                            .compareTo(new BigDecimal(amount)) == 0;
        });
    }
}
