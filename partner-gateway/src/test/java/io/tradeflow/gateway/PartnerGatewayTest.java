package io.tradeflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.LifecycleLine;
import io.tradeflow.contracts.orders.OrderLifecycleChanged;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.gateway.service.x12.X12Interchange;
import io.tradeflow.gateway.service.x12.X12Reader;
import io.tradeflow.gateway.service.x12.X12Segment;
import io.tradeflow.testinfra.EmbeddedServers;
import io.tradeflow.testinfra.PassingDatabaseFailures;
import io.tradeflow.testinfra.TestTokens;
import io.tradeflow.testinfra.TradeflowTestResource;

/** The gateway end to end against the real broker and database; partners are played by the test. */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "gateway"))
class PartnerGatewayTest {
    static final AtomicLong CONTROL = new AtomicLong(1000);
    final KafkaCompanion kafka = EmbeddedServers.kafkaCompanion();

    record TestPartner(String id, String sender, String apiKey) {
    }

    @jakarta.inject.Inject
    io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter spans;

    @Test
    void anAccepted850IsAnswered997AndBecomesOneCanonicalOrderOnOrdersInbound() {
        TestPartner partner = onboard("997", 100);
        var consumer = kafka.consumeStrings().fromTopics(Topics.ORDERS_INBOUND);
        String correlation = "corr-" + UUID.randomUUID();
        long isa13 = CONTROL.incrementAndGet();
        Response answer = send(partner, Fixtures.x12("850-purchase-order.x12", partner.sender(), isa13, "PO-77"),
                correlation);
        answer.then().statusCode(200).contentType("application/edi-x12").header("X-Outcome", "ACCEPTED");
        List<X12Segment> ack = parse(answer.asString());
        assertThat(segment(ack, "AK5").element(1)).isEqualTo("A");
        assertThat(segment(ack, "AK9").element(1)).isEqualTo("A");

        ConsumerRecord<String, String> record = awaitRecord(consumer, partner.id() + ":PO-77");
        CloudEvent event = KafkaCloudEvents.read(record.headers(), record.value());
        assertThat(event.type()).isEqualTo(CloudEventTypes.INBOUND_ORDER);
        assertThat(event.correlationId()).isEqualTo(correlation);
        assertThat(event.traceparent()).isNotNull();
        // The order event continues the trace of the partner's POST, so the orchestrator's spans join it.
        String traceId = event.traceparent().split("-")[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(spans.getFinishedSpanItems()).anySatisfy(span -> {
                    assertThat(span.getTraceId()).isEqualTo(traceId);
                    assertThat(span.getName()).contains("/documents");
                }));
        CanonicalOrder order = Json.read(event.data(), CanonicalOrder.class);
        assertThat(order.customerId()).isEqualTo("C-" + partner.id());
        assertThat(order.customerPoNumber()).isEqualTo("PO-77");
        assertThat(order.lines()).hasSize(2);
        assertThat(order.lines().get(0).unitPrice().amount()).isEqualByComparingTo("5.25");
        assertThat(order.partnerRef().interchangeControlNumber()).isEqualTo(String.format("%09d", isa13));
    }

    /** The ship-to of an 850 names a store as the partner spells it, in UTF-8 or in a charset it declares. */
    @Test
    void anAccentedShipToNameReachesTheCanonicalOrderAsSentInUtf8Latin1OrWindows1252AndMislabelledBytesAreRefused() {
        TestPartner partner = onboard("997", 100);
        var consumer = kafka.consumeStrings().fromTopics(Topics.ORDERS_INBOUND);
        String utf8 = Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(), "PO-UTF8")
                .replace("Acme Store 42", "Café Zoë Łódź 42");
        sendBytes(partner, "application/edi-x12", utf8.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .then().statusCode(200).header("X-Outcome", "ACCEPTED");
        String latin1 = Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(), "PO-LATIN1")
                .replace("Acme Store 42", "Épicerie Müller 42");
        sendBytes(partner, "text/plain; charset=ISO-8859-1", latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .then().statusCode(200).header("X-Outcome", "ACCEPTED");

        // Latin-1 sent without saying so is no UTF-8: read as Windows-1252, as translators on Windows send it.
        String undeclared = Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(),
                "PO-UNDECLARED").replace("Acme Store 42", "Épicerie Müller 42");
        sendBytes(partner, "application/edi-x12", undeclared.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .then().statusCode(200).header("X-Outcome", "ACCEPTED");
        // The same bytes declared as UTF-8 are not what they say: refused by element, not passed on as "M?ller".
        String mislabelled = Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(),
                "PO-MISLABELLED").replace("Acme Store 42", "Épicerie Müller 42");
        List<X12Segment> refused = parse(sendBytes(partner, "application/edi-x12; charset=UTF-8",
                        mislabelled.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .then().statusCode(200).extract().asString());
        assertThat(segment(refused, "AK5").element(1)).isEqualTo("R");
        assertThat(refused).anySatisfy(s -> assertThat(s.elements()).containsExactly("2", "", "6", "?picerie M?ller 42"));
        sendBytes(partner, "text/plain; charset=klingon", latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("Content-Type"));

        ConsumerRecord<String, String> first = awaitRecord(consumer, partner.id() + ":PO-UTF8");
        assertThat(Json.read(KafkaCloudEvents.read(first.headers(), first.value()).data(), CanonicalOrder.class)
                .shipTo().name()).isEqualTo("Café Zoë Łódź 42");
        ConsumerRecord<String, String> second = awaitRecord(consumer, partner.id() + ":PO-LATIN1");
        assertThat(Json.read(KafkaCloudEvents.read(second.headers(), second.value()).data(), CanonicalOrder.class)
                .shipTo().name()).isEqualTo("Épicerie Müller 42");
        ConsumerRecord<String, String> third = awaitRecord(consumer, partner.id() + ":PO-UNDECLARED");
        assertThat(Json.read(KafkaCloudEvents.read(third.headers(), third.value()).data(), CanonicalOrder.class)
                .shipTo().name()).isEqualTo("Épicerie Müller 42");
    }

    /** A partner's scheduled batch: many 850s in one interchange, one 997 for all of them, one order each. */
    @Test
    void anInterchangeOfThirty850sIsAcknowledgedOnceAndBecomesThirtyOrdersWithOneAuditRecordListingThem() {
        TestPartner partner = onboard("997", 100);
        var consumer = kafka.consumeStrings().fromTopics(Topics.ORDERS_INBOUND);
        String single = Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(), "{PO}");
        String set = single.substring(single.indexOf("ST*850"), single.indexOf("GE*"));
        StringBuilder batch = new StringBuilder(single.substring(0, single.indexOf("ST*850")));
        for (int i = 1; i <= 30; i++) {
            String control = String.format("%04d", i);
            batch.append(set.replace("{PO}", "PB-" + i).replace("ST*850*0001", "ST*850*" + control)
                    .replace("SE*15*0001", "SE*15*" + control));
        }
        batch.append(single.substring(single.indexOf("GE*")).replaceFirst("GE\\*1\\*", "GE*30*"));

        Response answer = send(partner, batch.toString(), null);
        answer.then().statusCode(200).header("X-Outcome", "ACCEPTED");
        List<X12Segment> ack = parse(answer.asString());
        assertThat(ack.stream().filter(s -> "AK5".equals(s.tag()))).hasSize(30)
                .allSatisfy(ak5 -> assertThat(ak5.element(1)).isEqualTo("A"));
        assertThat(segment(ack, "AK9").element(1)).isEqualTo("A");
        assertThat(segment(ack, "AK9").element(4)).isEqualTo("30");
        for (int i = 1; i <= 30; i++) {
            awaitRecord(consumer, partner.id() + ":PB-" + i);
        }
        List<Map<String, Object>> messages = messages(partner.id());
        assertThat(messages).hasSize(1);
        assertThat(((String) messages.get(0).get("orderKey")).split(",")).hasSize(30)
                .contains(partner.id() + ":PB-1", partner.id() + ":PB-30");
    }

    @Test
    void theSameInterchangeTwiceIsAcknowledgedAsDuplicateAndAGapIsFlaggedAsPossiblyLost() {
        TestPartner partner = onboard("997", 100);
        String interchange = Fixtures.x12("850-purchase-order.x12", partner.sender(), 500, "PO-D1");
        send(partner, interchange, null).then().statusCode(200).header("X-Outcome", "ACCEPTED");
        Response again = send(partner, interchange, null);
        again.then().statusCode(200).header("X-Outcome", "DUPLICATE");
        assertThat(segment(parse(again.asString()), "AK5").element(1)).isEqualTo("A");

        send(partner, Fixtures.x12("850-purchase-order.x12", partner.sender(), 504, "PO-D2"), null)
                .then().statusCode(200).header("X-Outcome", "ACCEPTED");

        List<Map<String, Object>> messages = messages(partner.id());
        assertThat(messages).extracting(m -> m.get("outcome")).containsExactly("ACCEPTED", "DUPLICATE", "ACCEPTED");
        assertThat((String) messages.get(2).get("flags")).contains("possibly lost interchanges 501..503");
        assertThat(messages).filteredOn(m -> m.get("orderKey") != null)
                .extracting(m -> m.get("orderKey")).containsOnly(partner.id() + ":PO-D2", partner.id() + ":PO-D1");
    }

    /**
     * Interchanges arriving together are recorded by group commit (one transaction for the batch); each must still
     * behave as if recorded alone: our 997 control numbers unique, duplicates and reused POs caught inside a batch,
     * one order per PO, an audit record per interchange.
     */
    @Test
    void interchangesArrivingTogetherKeepEveryGuaranteeOfOneTransactionEach() throws Exception {
        TestPartner a = onboard("997", 1000);
        TestPartner b = onboard("997", 1000);
        var consumer = kafka.consumeStrings().fromTopics(Topics.ORDERS_INBOUND);
        List<Object[]> sends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sends.add(new Object[] {a, Fixtures.x12("850-purchase-order.x12", a.sender(), 2000 + i, "PO-A" + i)});
        }
        String twice = Fixtures.x12("850-purchase-order.x12", a.sender(), 2100, "PO-A-TWICE");
        sends.add(new Object[] {a, twice});
        sends.add(new Object[] {a, twice});
        sends.add(new Object[] {a, Fixtures.x12("850-purchase-order.x12", a.sender(), 2101, "PO-A3")});
        for (int i = 0; i < 8; i++) {
            sends.add(new Object[] {b, Fixtures.x12("850-purchase-order.x12", b.sender(), 3000 + i, "PO-B" + i)});
        }
        ExecutorService pool = Executors.newFixedThreadPool(sends.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (Object[] send : sends) {
            answers.add(pool.submit(() -> {
                go.await();
                return send((TestPartner) send[0], (String) send[1], null);
            }));
        }
        go.countDown();
        Map<String, List<String>> controlsByPartner = new HashMap<>();
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            Response answer = answers.get(i).get(60, TimeUnit.SECONDS);
            answer.then().statusCode(200);
            outcomes.add(((TestPartner) sends.get(i)[0]).id() + " " + answer.header("X-Outcome"));
            controlsByPartner.computeIfAbsent(((TestPartner) sends.get(i)[0]).id(), id -> new ArrayList<>())
                    .add(segment(parse(answer.asString()), "ISA").element(13));
        }
        pool.shutdown();

        assertThat(outcomes).filteredOn(o -> o.endsWith("DUPLICATE")).containsExactly(a.id() + " DUPLICATE");
        assertThat(controlsByPartner.get(a.id())).hasSize(23).doesNotHaveDuplicates();
        assertThat(controlsByPartner.get(b.id())).hasSize(8).doesNotHaveDuplicates();
        List<Map<String, Object>> audit = messages(a.id());
        assertThat(audit).hasSize(23);
        assertThat(audit).filteredOn(m -> m.get("flags") != null && ((String) m.get("flags")).contains("already ordered"))
                .hasSize(1);
        assertThat(messages(b.id())).hasSize(8).allSatisfy(m -> assertThat(m.get("outcome")).isEqualTo("ACCEPTED"));
        // One order per PO: PO-A3 is in two interchanges but becomes one order; the twice-sent interchange one.
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            expected.add(a.id() + ":PO-A" + i);
        }
        expected.add(a.id() + ":PO-A-TWICE");
        for (int i = 0; i < 8; i++) {
            expected.add(b.id() + ":PO-B" + i);
        }
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> consumer.getRecords().stream()
                    .filter(r -> r.key() != null && (r.key().startsWith(a.id() + ":") || r.key().startsWith(b.id() + ":")))
                    .count() >= expected.size());
            Thread.sleep(1000); // room for a second order of a PO, which must not come
            List<String> keys = consumer.getRecords().stream().map(ConsumerRecord::key)
                    .filter(k -> k != null && (k.startsWith(a.id() + ":") || k.startsWith(b.id() + ":"))).toList();
            assertThat(keys).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            consumer.stop();
        }
    }

    @Test
    void malformedInterchangesGetTa1Or997RejectionsAndNoOrder() {
        TestPartner partner = onboard("997", 100);
        Response mismatched = send(partner, Fixtures.x12("850-mismatched-control-numbers.x12", partner.sender(),
                CONTROL.incrementAndGet(), "PO-M1"), null);
        mismatched.then().statusCode(200).header("X-Outcome", "REJECTED");
        assertThat(segment(parse(mismatched.asString()), "TA1").element(5)).isEqualTo("001");

        Response truncated = send(partner, Fixtures.x12("850-truncated.x12", partner.sender(),
                CONTROL.incrementAndGet(), "PO-M2"), null);
        assertThat(segment(parse(truncated.asString()), "TA1").element(5)).isEqualTo("023");

        Response badDelimiters = send(partner, Fixtures.x12("850-bad-delimiters.x12", partner.sender(),
                CONTROL.incrementAndGet(), "PO-M3"), null);
        assertThat(segment(parse(badDelimiters.asString()), "TA1").element(5)).isEqualTo("026");

        Response wrongSender = send(partner, Fixtures.x12("850-purchase-order.x12", "STRANGER",
                CONTROL.incrementAndGet(), "PO-M4"), null);
        assertThat(segment(parse(wrongSender.asString()), "TA1").element(5)).isEqualTo("006");

        Response counts = send(partner, Fixtures.x12("850-wrong-segment-count.x12", partner.sender(),
                CONTROL.incrementAndGet(), "PO-M5"), null);
        counts.then().statusCode(200).header("X-Outcome", "REJECTED");
        assertThat(segment(parse(counts.asString()), "AK5").elements()).containsExactly("R", "4");

        Response unknown = send(partner, Fixtures.x12("850-unknown-segment.x12", partner.sender(),
                CONTROL.incrementAndGet(), "PO-M6"), null);
        assertThat(segment(parse(unknown.asString()), "AK3").element(1)).isEqualTo("ZZZ");

        given().header("X-API-Key", partner.apiKey()).contentType("text/plain")
                .body(Fixtures.x12("not-x12.txt", partner.sender(), 1, "x"))
                .when().post("/api/v1/partners/" + partner.id() + "/documents")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("body"));

        assertThat(messages(partner.id())).allSatisfy(m -> assertThat(m.get("orderKey")).isNull())
                .extracting(m -> m.get("outcome")).doesNotContain("ACCEPTED");
    }

    @Test
    void aKeyOnlyWorksForItsOwnPartnerAndAdminEndpointsNeedThePartnerAdminRole() {
        TestPartner a = onboard("997", 100);
        TestPartner b = onboard("997", 100);
        given().header("X-API-Key", b.apiKey()).contentType("application/edi-x12").body("ISA".getBytes())
                .when().post("/api/v1/partners/" + a.id() + "/documents")
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/edi-x12").body("ISA".getBytes())
                .when().post("/api/v1/partners/" + a.id() + "/documents")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forRole("storefront")).when().get("/api/v1/partners")
                .then().statusCode(403).contentType("application/problem+json");
        given().when().get("/api/v1/partners").then().statusCode(401);

        String rotated = given().auth().oauth2(admin()).when().post("/api/v1/partners/" + a.id() + "/api-key")
                .then().statusCode(200).body("apiKey", notNullValue()).extract().path("apiKey");
        given().header("X-API-Key", a.apiKey()).when().get("/api/v1/partners/" + a.id() + "/documents")
                .then().statusCode(401);
        given().header("X-API-Key", rotated).when().get("/api/v1/partners/" + a.id() + "/documents")
                .then().statusCode(200);
        String profile = given().auth().oauth2(admin()).when().get("/api/v1/partners/" + a.id())
                .then().statusCode(200).body("x12.senderId", equalTo(a.sender())).extract().asString();
        assertThat(profile).doesNotContain("apiKey").doesNotContain(rotated);
    }

    @Test
    void invalidProfilesAreA400NamingTheFieldAndDuplicatesA409() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("id", "bad id!", "name", "", "type", "EDI", "customerId", "C", "documentTypes",
                        List.of("850"), "rateLimitPerMinute", 0))
                .when().post("/api/v1/partners")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("rateLimitPerMinute"))
                .body("errors.field", hasItem("id"));
        TestPartner partner = onboard("997", 100);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(profile(partner.id(), partner.sender(),
                        "997", 100))
                .when().post("/api/v1/partners")
                .then().statusCode(409).contentType("application/problem+json");
        // Another partner claiming the same ISA identity would be answered for the first one's traffic.
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(profile("p-other-" + partner.id(),
                        partner.sender(), "997", 100))
                .when().post("/api/v1/partners")
                .then().statusCode(409).body("type", containsString("x12-sender-taken"));
        Map<String, Object> repeating = new HashMap<>(profile("p-delim-" + partner.id(), "D" + partner.sender(),
                "997", 100));
        repeating.put("x12", Map.of("senderQualifier", "ZZ", "senderId", "D" + partner.sender(),
                "receiverQualifier", "ZZ", "receiverId", "TRADEFLOW", "version", "004010", "delimiters", "**~"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(repeating)
                .when().post("/api/v1/partners")
                .then().statusCode(400).body("errors.field", hasItem("x12.delimiters"));
    }

    @Test
    void aDocumentWithANulOrAnUnknownSetIdIsAcknowledgedAndAuditedNotRefusedWithoutTrace() {
        TestPartner partner = onboard("997", 100);
        String withNul = Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(), "PO-NUL")
                .replace("SKU-100", "SKU\u0000100");
        String answer = send(partner, withNul, null).then().statusCode(200).extract().asString();
        assertThat(segment(parse(answer), "AK5").element(1)).isEqualTo("R");
        String longType = Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(), "PO-ST")
                .replace("ST*850*", "ST*850XXXXXXXXXXXXXXX*");
        send(partner, longType, null).then().statusCode(200);
        // A NUL in the envelope itself: refused with a TA1, and still audited.
        String badEnvelope = Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(), "PO-E")
                .replaceFirst("\\*P\\*>~", "*\u0000*>~");
        send(partner, badEnvelope, null).then().statusCode(org.hamcrest.Matchers.lessThan(500));
        given().auth().oauth2(admin()).when().get("/api/v1/partners/" + partner.id() + "/messages?direction=inbound")
                .then().statusCode(200).body("size()", equalTo(3));
    }

    @Test
    void thePartnersRateLimitAnswers429WithRetryAfterAndOversizedDocuments413() {
        TestPartner partner = onboard("997", 2);
        for (int i = 0; i < 2; i++) {
            send(partner, Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(),
                    "PO-R" + i), null).then().statusCode(200);
        }
        send(partner, Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(), "PO-R3"),
                null).then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue());

        TestPartner big = onboard("997", 100);
        given().header("X-API-Key", big.apiKey()).contentType("application/edi-x12").body("X".repeat(70_000).getBytes())
                .when().post("/api/v1/partners/" + big.id() + "/documents")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void aBurstOfConcurrentDocumentsIsAdmittedExactlyUpToEachPartnersLimit() throws Exception {
        TestPartner limited = onboard("997", 5);
        TestPartner roomy = onboard("997", 100);
        // One minute is one window: a burst straddling a minute boundary would be counted in two.
        while (LocalTime.now().getSecond() >= 55) {
            Thread.sleep(200);
        }
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> limitedAnswers = new ArrayList<>();
            List<Future<Integer>> roomyAnswers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                limitedAnswers.add(clients.submit(() -> send(limited, Fixtures.x12("850-purchase-order.x12",
                        limited.sender(), CONTROL.incrementAndGet(), "PO-B" + n), null).statusCode()));
                if (i < 8) {
                    roomyAnswers.add(clients.submit(() -> send(roomy, Fixtures.x12("850-purchase-order.x12",
                            roomy.sender(), CONTROL.incrementAndGet(), "PO-C" + n), null).statusCode()));
                }
            }
            List<Integer> limitedCodes = new ArrayList<>();
            for (var answer : limitedAnswers) {
                limitedCodes.add(answer.get(60, TimeUnit.SECONDS));
            }
            List<Integer> roomyCodes = new ArrayList<>();
            for (var answer : roomyAnswers) {
                roomyCodes.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(limitedCodes).filteredOn(code -> code == 200).hasSize(5);
            assertThat(limitedCodes).filteredOn(code -> code == 429).hasSize(19);
            assertThat(roomyCodes).containsOnly(200);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void theAuditKeepsRawPayloadAndAckAndAReplayRunsUnderANewCorrelationLinkedToTheOriginal() {
        TestPartner partner = onboard("999", 100);
        String interchange = Fixtures.x12("850-unknown-segment.x12", partner.sender(), CONTROL.incrementAndGet(),
                "PO-A1");
        Response first = send(partner, interchange, "corr-original");
        assertThat(parse(first.asString())).extracting(X12Segment::tag).contains("IK3", "IK5");
        String messageId = first.header("X-Message-Id");

        Map<String, Object> audited = given().auth().oauth2(admin())
                .when().get("/api/v1/partners/" + partner.id() + "/messages/" + messageId)
                .then().statusCode(200).extract().as(Map.class);
        assertThat(audited.get("rawPayload")).isEqualTo(interchange);
        assertThat((String) audited.get("acknowledgment")).contains("IK5*R");
        assertThat((String) audited.get("parseResult")).contains("segmentErrors");
        assertThat(audited.get("correlationId")).isEqualTo("corr-original");

        Response replay = given().auth().oauth2(TestTokens.forRole("operations"))
                .when().post("/api/v1/partners/" + partner.id() + "/messages/" + messageId + "/replay");
        replay.then().statusCode(200);
        Map<String, Object> replayed = given().auth().oauth2(admin())
                .when().get("/api/v1/partners/" + partner.id() + "/messages/" + replay.header("X-Message-Id"))
                .then().statusCode(200).extract().as(Map.class);
        assertThat(replayed.get("replayOf")).isEqualTo(messageId);
        assertThat(replayed.get("correlationId")).isNotEqualTo("corr-original").isNotNull();
    }

    @Test
    void aMarketplaceJsonOrderGetsAJsonAcknowledgmentAndOneOrder() {
        TestPartner partner = onboardMarketplace();
        String order = "{\"orderNumber\":\"MP-1\",\"currency\":\"USD\",\"shipTo\":{\"name\":\"Jane Buyer\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"postalCode\":\"78701\",\"country\":\"US\"},\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2,"
                + "\"unitPrice\":9.99}]}";
        var consumer = kafka.consumeStrings().fromTopics(Topics.ORDERS_INBOUND);
        given().header("X-API-Key", partner.apiKey()).contentType(ContentType.JSON).body(order)
                .when().post("/api/v1/partners/" + partner.id() + "/documents")
                .then().statusCode(200).body("status", equalTo("ACCEPTED"))
                .body("orderKey", equalTo(partner.id() + ":MP-1"));
        awaitRecord(consumer, partner.id() + ":MP-1");
        given().header("X-API-Key", partner.apiKey()).contentType(ContentType.JSON).body(order)
                .when().post("/api/v1/partners/" + partner.id() + "/documents")
                .then().statusCode(200).body("status", equalTo("DUPLICATE"));
        given().header("X-API-Key", partner.apiKey()).contentType(ContentType.JSON)
                .body("{\"orderNumber\":\"MP-2\",\"lines\":[{\"sku\":\"\",\"quantity\":0}]}")
                .when().post("/api/v1/partners/" + partner.id() + "/documents")
                .then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("errors.field", hasItem("lines[0].quantity")).body("errors.field", hasItem("lines[0].sku"))
                .body("errors.field", hasItem("shipTo"));
        // A marketplace order ships to its buyer: an address the carrier cannot use is named field by field.
        given().header("X-API-Key", partner.apiKey()).contentType(ContentType.JSON)
                .body("{\"orderNumber\":\"MP-4\",\"shipTo\":{\"name\":\"Jane\",\"line1\":\"\",\"city\":\"Austin\","
                        + "\"postalCode\":\"78701\",\"country\":\"USA\"},\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}")
                .when().post("/api/v1/partners/" + partner.id() + "/documents")
                .then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("errors.field", hasItem("shipTo.line1")).body("errors.field", hasItem("shipTo.country"));
        // JSON null, or a null line, is a refused order naming the field, not a server error.
        given().header("X-API-Key", partner.apiKey()).contentType(ContentType.JSON).body("null")
                .when().post("/api/v1/partners/" + partner.id() + "/documents")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("errors.field", hasItem("body"));
        given().header("X-API-Key", partner.apiKey()).contentType(ContentType.JSON)
                .body("{\"orderNumber\":\"MP-3\",\"lines\":[null]}")
                .when().post("/api/v1/partners/" + partner.id() + "/documents")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("errors.field", hasItem("lines[0]"));
    }

    @Test
    void aMarketplaceOrderIsToldInJsonWhatBecameOfEachLineThenOfItsShipmentAndInvoice() {
        TestPartner partner = onboardMarketplace();
        String order = "{\"orderNumber\":\"MP-7\",\"currency\":\"USD\",\"shipTo\":{\"name\":\"Jane Buyer\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"postalCode\":\"78701\",\"country\":\"US\"},\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":10,"
                + "\"unitPrice\":9.99},{\"sku\":\"SKU-2\",\"quantity\":5}]}";
        given().header("X-API-Key", partner.apiKey()).contentType(ContentType.JSON).body(order)
                .when().post("/api/v1/partners/" + partner.id() + "/documents")
                .then().statusCode(200).body("status", equalTo("ACCEPTED"));
        var ref = new io.tradeflow.contracts.partners.PartnerRef(partner.id(), null, null, null);
        String orderId = "O-MP7-" + partner.id();
        // The ERP priced SKU-1 at 10.50 (the marketplace sent 9.99) and only 2 of the 5 SKU-2 are in stock.
        List<LifecycleLine> lines = List.of(
                new LifecycleLine(1, "SKU-1", new BigDecimal("10"), "EA", Money.of("10.50", "USD"), null,
                        new BigDecimal("10"), BigDecimal.ZERO),
                new LifecycleLine(2, "SKU-2", new BigDecimal("5"), "EA", Money.of("4.00", "USD"), null,
                        new BigDecimal("2"), new BigDecimal("3")));
        publishLifecycle(new OrderLifecycleChanged(orderId, 5, "C-" + partner.id(), "marketplace", "MP-7",
                OrderState.CONFIRMED, OrderState.SUBMITTED, "ERP accepted", OffsetDateTime.now(), "USD", lines,
                "ERP-MP7", null, null, ref), "corr-mp7");
        Map<String, Object> first = await().atMost(Duration.ofSeconds(20)).until(() -> pull(partner),
                docs -> !docs.isEmpty()).get(0);
        assertThat(first.get("documentType")).isEqualTo("855");
        assertThat(first.get("mediaType")).isEqualTo("application/json");
        // No 997 is asked of a JSON partner, so none can be overdue.
        assertThat(first.get("acknowledgmentStatus")).isNull();
        assertThat(first.get("interchangeControl")).isNull();
        var ack = Json.read((String) first.get("payload"), io.tradeflow.contracts.partners.PartnerOrderUpdate.class);
        assertThat(ack.status()).isEqualTo(io.tradeflow.contracts.partners.PartnerOrderUpdate.Status.ACCEPTED_WITH_CHANGES);
        assertThat(ack.orderNumber()).isEqualTo("MP-7");
        assertThat(ack.erpOrderNumber()).isEqualTo("ERP-MP7");
        assertThat(ack.lines().get(0).priceChanged()).isTrue();
        assertThat(ack.lines().get(0).partnerUnitPrice().amount()).isEqualByComparingTo("9.99");
        assertThat(ack.lines().get(0).unitPrice().amount()).isEqualByComparingTo("10.50");
        assertThat(ack.lines().get(1).status())
                .isEqualTo(io.tradeflow.contracts.partners.PartnerOrderUpdate.LineStatus.PARTIALLY_BACKORDERED);
        assertThat(ack.lines().get(1).backordered()).isEqualByComparingTo("3");

        Shipment shipment = new Shipment(orderId, "SHP-MP7", "DC-1", "UPS", "1ZMP7", List.of(
                new Shipment.Line(1, "SKU-1", new BigDecimal("10"), "EA"),
                new Shipment.Line(2, "SKU-2", new BigDecimal("2"), "EA")), OffsetDateTime.now());
        InvoicePosted invoice = new InvoicePosted(orderId, "ERP-MP7", "INV-MP7", java.time.LocalDate.now(),
                java.time.LocalDate.now().plusDays(30), Money.of("113.00", "USD"), Money.of("0", "USD"),
                Money.of("113.00", "USD"), List.of(new InvoicePosted.Line(1, "SKU-1", new BigDecimal("10"), "EA",
                        Money.of("10.50", "USD"), Money.of("105.00", "USD"))), OffsetDateTime.now());
        publishLifecycle(new OrderLifecycleChanged(orderId, 6, "C-" + partner.id(), "marketplace", "MP-7",
                OrderState.SHIPPED, OrderState.CONFIRMED, "shipped", OffsetDateTime.now(), "USD", lines, "ERP-MP7",
                shipment, null, ref), "corr-mp7");
        publishLifecycle(new OrderLifecycleChanged(orderId, 8, "C-" + partner.id(), "marketplace", "MP-7",
                OrderState.INVOICED, OrderState.DELIVERED, "invoiced", OffsetDateTime.now(), "USD", lines, "ERP-MP7",
                shipment, invoice, ref), "corr-mp7");
        List<Map<String, Object>> documents = await().atMost(Duration.ofSeconds(20)).until(() -> pull(partner),
                docs -> docs.size() >= 3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> pull(partner).size() == 3);
        assertThat(documents).extracting(d -> d.get("documentType")).containsExactly("855", "856", "810");
        var shipNotice = Json.read((String) documents.get(1).get("payload"),
                io.tradeflow.contracts.partners.PartnerOrderUpdate.class);
        assertThat(shipNotice.status()).isEqualTo(io.tradeflow.contracts.partners.PartnerOrderUpdate.Status.SHIPPED);
        assertThat(shipNotice.shipment().trackingNumber()).isEqualTo("1ZMP7");
        var billed = Json.read((String) documents.get(2).get("payload"),
                io.tradeflow.contracts.partners.PartnerOrderUpdate.class);
        assertThat(billed.invoice().invoiceNumber()).isEqualTo("INV-MP7");
        assertThat(billed.invoice().total().amount()).isEqualByComparingTo("113.00");
    }

    /** A marketplace that agreed to answer our documents (acknowledgment JSON) is held to it, as a 997 would be. */
    @Test
    void aMarketplacesJsonAcknowledgmentIsMatchedToOurDocumentOnceAndAudited() {
        TestPartner partner = onboardMarketplace("JSON", 60);
        TestPartner other = onboardMarketplace("JSON", 60);
        Map<String, Object> confirmation = confirmedMarketplaceOrder(partner, "MP-ACK");
        assertThat(confirmation.get("acknowledgmentStatus")).isEqualTo("PENDING");
        Object document = confirmation.get("messageId");

        acknowledge(other.apiKey(), partner.id(), document, Map.of("status", "ACCEPTED"))
                .then().statusCode(401).contentType("application/problem+json");
        acknowledge(partner.apiKey(), partner.id(), document, Map.of("status", "MAYBE"))
                .then().statusCode(400).body("errors.field", hasItem("status"));
        given().header("X-API-Key", partner.apiKey()).contentType(ContentType.JSON).body("ACCEPTED, thanks")
                .when().post("/api/v1/partners/" + partner.id() + "/documents/" + document + "/acknowledgment")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("body"));
        acknowledge(partner.apiKey(), partner.id(), "no-such-document", Map.of("status", "ACCEPTED"))
                .then().statusCode(404).contentType("application/problem+json");
        for (int attempt = 0; attempt < 2; attempt++) {
            acknowledge(partner.apiKey(), partner.id(), document, Map.of("status", "ACCEPTED"))
                    .then().statusCode(200).body("acknowledgmentStatus", equalTo("ACKNOWLEDGED"))
                    .body("documentType", equalTo("855"));
        }
        acknowledge(partner.apiKey(), partner.id(), document, Map.of("status", "REJECTED", "reason", "changed our mind"))
                .then().statusCode(409).body("type", containsString("already-acknowledged"));
        acknowledge(partner.apiKey(), partner.id(), document, Map.of("status", "REJECTED", "reason", "bad\u0000reason"))
                .then().statusCode(400).body("errors.field", hasItem("reason"));

        assertThat(pull(partner)).extracting(d -> d.get("acknowledgmentStatus")).containsExactly("ACKNOWLEDGED");
        List<Map<String, Object>> answers = messages(partner.id()).stream()
                .filter(m -> "JSON_ACK".equals(m.get("documentType"))).toList();
        // Refused answers (invalid, malformed, naming an unknown document, contradicting) are in the trail too, as
        // the partner sent them, for any later dispute; an answer with another partner's key is not this partner's.
        assertThat(answers).extracting(m -> m.get("outcome"))
                .containsExactly("REFUSED", "REFUSED", "REFUSED", "ACKNOWLEDGED", "DUPLICATE", "REFUSED", "REFUSED");
        assertThat((String) answers.get(0).get("flags")).contains("status: must be ACCEPTED or REJECTED");
        assertThat((String) answers.get(0).get("rawPayload")).contains("MAYBE");
        assertThat((String) answers.get(1).get("flags")).contains("body is not valid JSON");
        assertThat((String) answers.get(1).get("rawPayload")).isEqualTo("ACCEPTED, thanks");
        assertThat((String) answers.get(2).get("flags")).contains("no-such-document");
        assertThat((String) answers.get(3).get("flags")).contains("855 " + confirmation.get("messageId"));
        assertThat(answers.get(3).get("orderKey")).isEqualTo(partner.id() + ":MP-ACK");
        assertThat((String) answers.get(5).get("rawPayload")).contains("changed our mind");
        assertThat((String) answers.get(6).get("flags")).contains("reason must not contain a NUL");
        // An answer to our document is no order: replaying it is refused.
        given().auth().oauth2(TestTokens.forRole("operations"))
                .when().post("/api/v1/partners/" + partner.id() + "/messages/" + answers.get(0).get("id") + "/replay")
                .then().statusCode(409).body("type", containsString("not-replayable"));
    }

    @Test
    void aMarketplacesLateAcknowledgmentIsFlaggedOverdueThenMatchedAndAnEdiPartnerCannotChooseJson() {
        TestPartner partner = onboardMarketplace("JSON", 0);
        Map<String, Object> confirmation = confirmedMarketplaceOrder(partner, "MP-LATE");
        await().atMost(Duration.ofSeconds(20)).until(() -> pull(partner),
                docs -> "OVERDUE".equals(docs.get(0).get("acknowledgmentStatus")));
        await().atMost(Duration.ofSeconds(5)).until(() -> breaches(partner, "JSON") == 1.0);
        // A long reason is kept whole in the audited payload.
        String reason = "SKU-2 discontinued on our side; " + "x".repeat(460);
        acknowledge(partner.apiKey(), partner.id(), confirmation.get("messageId"),
                        Map.of("status", "REJECTED", "reason", reason))
                .then().statusCode(200).body("acknowledgmentStatus", equalTo("REJECTED"));
        assertThat(messages(partner.id())).anySatisfy(m -> assertThat((String) m.get("rawPayload")).contains(reason));
        // A marketplace that never agreed to answer is not waited for, and has nothing to answer.
        TestPartner silent = onboardMarketplace();
        Map<String, Object> unasked = confirmedMarketplaceOrder(silent, "MP-NOACK");
        assertThat(unasked.get("acknowledgmentStatus")).isNull();
        acknowledge(silent.apiKey(), silent.id(), unasked.get("messageId"), Map.of("status", "ACCEPTED"))
                .then().statusCode(409).body("type", containsString("no-acknowledgment-expected"));

        String id = "p" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(profile(id, id.toUpperCase(), "JSON", 100))
                .when().post("/api/v1/partners")
                .then().statusCode(400).body("errors.field", hasItem("acknowledgment"));
    }

    /** A one-line JSON order of the marketplace, confirmed by the ERP: the 855 the partner then pulls. */
    private Map<String, Object> confirmedMarketplaceOrder(TestPartner partner, String po) {
        String order = "{\"orderNumber\":\"" + po + "\",\"currency\":\"USD\",\"shipTo\":{\"name\":\"Jane Buyer\","
                + "\"line1\":\"1 Main St\",\"city\":\"Austin\",\"postalCode\":\"78701\",\"country\":\"US\"},"
                + "\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}";
        given().header("X-API-Key", partner.apiKey()).contentType(ContentType.JSON).body(order)
                .when().post("/api/v1/partners/" + partner.id() + "/documents")
                .then().statusCode(200).body("status", equalTo("ACCEPTED"));
        publishLifecycle(new OrderLifecycleChanged("O-" + po + "-" + partner.id(), 5, "C-" + partner.id(),
                "marketplace", po, OrderState.CONFIRMED, OrderState.SUBMITTED, "ERP accepted", OffsetDateTime.now(),
                "USD", List.of(new LifecycleLine(1, "SKU-1", BigDecimal.ONE, "EA", Money.of("10.00", "USD"), null,
                        BigDecimal.ONE, BigDecimal.ZERO)), "ERP-" + po, null, null,
                new io.tradeflow.contracts.partners.PartnerRef(partner.id(), null, null, null)), "corr-" + po);
        return await().atMost(Duration.ofSeconds(20)).until(() -> pull(partner), docs -> !docs.isEmpty()).get(0);
    }

    @Test
    void aMarketplaceOrderTheSuiteRefusesIsToldWhyAndItsResendIsOrderedAgainOnce() {
        TestPartner partner = onboardMarketplace();
        var inbound = kafka.consumeStrings().fromTopics(Topics.ORDERS_INBOUND);
        String order = "{\"orderNumber\":\"MP-8\",\"shipTo\":{\"name\":\"Jane Buyer\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"postalCode\":\"78701\",\"country\":\"US\"},\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":3}]}";
        given().header("X-API-Key", partner.apiKey()).contentType(ContentType.JSON).body(order)
                .when().post("/api/v1/partners/" + partner.id() + "/documents")
                .then().statusCode(200).body("status", equalTo("ACCEPTED"));
        var ref = new io.tradeflow.contracts.partners.PartnerRef(partner.id(), null, null, null);
        OrderLifecycleChanged rejected = new OrderLifecycleChanged("O-MP8-" + partner.id(), 3, "C-" + partner.id(),
                "marketplace", "MP-8", OrderState.REJECTED, OrderState.VALIDATED, "customer on credit hold",
                OffsetDateTime.now(), "USD", List.of(new LifecycleLine(1, "SKU-1", new BigDecimal("3"), "EA", null,
                null, null, null)), null, null, null, ref);
        publishLifecycle(rejected, "corr-mp8");
        publishLifecycle(rejected, "corr-mp8");
        List<Map<String, Object>> documents = await().atMost(Duration.ofSeconds(20)).until(() -> pull(partner),
                docs -> !docs.isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> pull(partner).size() == 1);
        var refusal = Json.read((String) documents.get(0).get("payload"),
                io.tradeflow.contracts.partners.PartnerOrderUpdate.class);
        assertThat(refusal.status()).isEqualTo(io.tradeflow.contracts.partners.PartnerOrderUpdate.Status.REJECTED);
        assertThat(refusal.reason()).isEqualTo("customer on credit hold");
        assertThat(refusal.lines()).extracting(io.tradeflow.contracts.partners.PartnerOrderUpdate.Line::status)
                .containsExactly(io.tradeflow.contracts.partners.PartnerOrderUpdate.LineStatus.REJECTED);

        // The hold is lifted and the marketplace sends the order again: a new attempt, once.
        given().header("X-API-Key", partner.apiKey()).contentType(ContentType.JSON).body(order)
                .when().post("/api/v1/partners/" + partner.id() + "/documents")
                .then().statusCode(200).body("status", equalTo("ACCEPTED")).body("orderNumber", equalTo("MP-8"))
                .body("orderKey", equalTo(partner.id() + ":MP-8#2"));
        given().header("X-API-Key", partner.apiKey()).contentType(ContentType.JSON).body(order)
                .when().post("/api/v1/partners/" + partner.id() + "/documents")
                .then().statusCode(200).body("status", equalTo("DUPLICATE"));
        List<String> keys = await().atMost(Duration.ofSeconds(20)).until(() -> inbound.getRecords().stream()
                .map(ConsumerRecord::key).filter(k -> k != null && k.startsWith(partner.id() + ":MP-8")).toList(),
                k -> k.size() >= 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> inbound.getRecords().stream()
                .map(ConsumerRecord::key).filter(k -> k != null && k.startsWith(partner.id() + ":MP-8")).count() == 2);
        inbound.stop();
        assertThat(keys).containsExactly(partner.id() + ":MP-8", partner.id() + ":MP-8#2");

        // A late second refusal of the first attempt's order (a new event) answers nothing; the new attempt's
        // acceptance gets its own 855. A JSON order has no ISA13: the refused order's id tells them apart.
        publishLifecycle(new OrderLifecycleChanged(rejected.orderId(), 4, rejected.customerId(), "marketplace", "MP-8",
                OrderState.FAILED, OrderState.REJECTED, "late", OffsetDateTime.now(), "USD", rejected.lines(), null,
                null, null, ref), "corr-mp8");
        // Alone first: had it answered the new attempt, a second refusal would show up here.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> pull(partner).size() == 1);
        publishLifecycle(new OrderLifecycleChanged("O-MP8B-" + partner.id(), 5, "C-" + partner.id(), "marketplace",
                "MP-8", OrderState.CONFIRMED, OrderState.SUBMITTED, "ERP accepted", OffsetDateTime.now(), "USD",
                List.of(new LifecycleLine(1, "SKU-1", new BigDecimal("3"), "EA", Money.of("4.00", "USD"), null,
                        new BigDecimal("3"), BigDecimal.ZERO)), "ERP-MP8", null, null, ref), "corr-mp8b");
        List<Map<String, Object>> answered = await().atMost(Duration.ofSeconds(20)).until(() -> pull(partner),
                docs -> docs.size() >= 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> pull(partner).size() == 2);
        assertThat(answered).extracting(d -> d.get("orderKey"))
                .containsExactly(partner.id() + ":MP-8", partner.id() + ":MP-8#2");
        assertThat(Json.read((String) answered.get(1).get("payload"),
                io.tradeflow.contracts.partners.PartnerOrderUpdate.class).status())
                .isEqualTo(io.tradeflow.contracts.partners.PartnerOrderUpdate.Status.ACCEPTED);

        // An order number of the marketplace's own that reads like an attempt is its own order, not attempt 2.
        given().header("X-API-Key", partner.apiKey()).contentType(ContentType.JSON).body(order.replace("MP-8", "MP-8#2"))
                .when().post("/api/v1/partners/" + partner.id() + "/documents")
                .then().statusCode(200).body("status", equalTo("ACCEPTED")).body("orderNumber", equalTo("MP-8#2"))
                .body("orderKey", equalTo(partner.id() + ":MP-8##2"));

        // A currency that is no ISO code is named, like CUR02 in an 850.
        given().header("X-API-Key", partner.apiKey()).contentType(ContentType.JSON)
                .body("{\"orderNumber\":\"MP-9\",\"currency\":\"usd\",\"shipTo\":{\"name\":\"Jane Buyer\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"postalCode\":\"78701\",\"country\":\"US\"},\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}")
                .when().post("/api/v1/partners/" + partner.id() + "/documents")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("errors.field", hasItem("currency"));
    }

    @Test
    void aTestInterchangeIsAcknowledgedButOrdersNothingAndAnEightFiftyCancellationIsRefused() {
        TestPartner partner = onboard("997", 100);
        var consumer = kafka.consumeStrings().fromTopics(Topics.ORDERS_INBOUND);
        String test = Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(), "PO-TEST")
                .replace("*0*P*>~", "*0*T*>~");
        String answer = send(partner, test, null).then().statusCode(200).header("X-Outcome", "ACCEPTED")
                .extract().asString();
        assertThat(segment(parse(answer), "AK5").element(1)).isEqualTo("A");

        String cancel = Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(),
                "PO-CANCEL").replace("BEG*00*", "BEG*01*");
        List<X12Segment> refused = parse(send(partner, cancel, null).then().statusCode(200)
                .header("X-Outcome", "REJECTED").extract().asString());
        assertThat(segment(refused, "AK4").elements()).startsWith("1", "353", "7", "01");
        assertThat(segment(refused, "AK5").element(1)).isEqualTo("R");

        // Neither became an order: the production PO sent afterwards is the only one on orders.inbound.
        send(partner, Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(), "PO-LIVE"),
                null).then().statusCode(200).header("X-Outcome", "ACCEPTED");
        awaitRecord(consumer, partner.id() + ":PO-LIVE");
        consumer.stop();
        assertThat(consumer.getRecords()).extracting(r -> r.key())
                .doesNotContain(partner.id() + ":PO-TEST", partner.id() + ":PO-CANCEL");
        assertThat(messages(partner.id())).anySatisfy(m -> assertThat((String) m.get("flags"))
                .contains("test interchange (ISA15 T)"));
    }

    @Test
    void aRepeatedSetControlNumberOrdersOnlyTheFirstSetAndAMiscountedCttOrdersNothing() {
        TestPartner partner = onboard("997", 100);
        var consumer = kafka.consumeStrings().fromTopics(Topics.ORDERS_INBOUND);
        String one = Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(), "PO-ST1");
        String set = one.substring(one.indexOf("ST*850"), one.indexOf("GE*"));
        String twice = one.replace(set, set + set.replace("PO-ST1", "PO-ST2")).replace("GE*1*", "GE*2*");
        List<X12Segment> ack = parse(send(partner, twice, null).then().statusCode(200).extract().asString());
        assertThat(ack.stream().filter(s -> "AK5".equals(s.tag())).map(X12Segment::elements))
                .containsExactly(List.of("A"), List.of("R", "23"));
        assertThat(segment(ack, "AK9").elements()).startsWith("P", "2", "2", "1");

        String miscounted = Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(),
                "PO-CTT").replace("CTT*2~", "CTT*3~");
        List<X12Segment> refused = parse(send(partner, miscounted, null).then().statusCode(200)
                .header("X-Outcome", "REJECTED").extract().asString());
        assertThat(segment(refused, "AK4").elements()).containsExactly("1", "354", "7", "3");

        send(partner, Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(), "PO-AFTER"),
                null).then().statusCode(200).header("X-Outcome", "ACCEPTED");
        await().atMost(Duration.ofSeconds(20)).until(() -> consumer.getRecords().stream().map(r -> r.key()).toList()
                .containsAll(List.of(partner.id() + ":PO-ST1", partner.id() + ":PO-AFTER")));
        consumer.stop();
        assertThat(consumer.getRecords()).extracting(r -> r.key())
                .doesNotContain(partner.id() + ":PO-ST2", partner.id() + ":PO-CTT");
    }

    @Test
    void aPartnerSendsOnlyTheDocumentKindsItsProfileAccepts() {
        TestPartner edi = onboard("997", 100);
        given().header("X-API-Key", edi.apiKey()).contentType(ContentType.JSON)
                .body("{\"orderNumber\":\"MP-X\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}")
                .when().post("/api/v1/partners/" + edi.id() + "/documents")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", containsString("document-type-not-accepted"))
                .body("errors.field", hasItem("documentTypes"));
        TestPartner marketplace = onboardMarketplace();
        send(marketplace, Fixtures.x12("850-purchase-order.x12", marketplace.sender(), CONTROL.incrementAndGet(),
                "PO-MX"), null).then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("X12"));
    }

    @Test
    void roundTripOrderLifecycleBecomes855And856And810ThatParseCleanlyAndThePartners997IsMatched() {
        TestPartner partner = onboard("997", 100);
        var ref = ordered(partner, "PO-RT", "corr-rt");
        List<LifecycleLine> lines = List.of(
                new LifecycleLine(1, "SKU-100", new BigDecimal("10"), "EA", Money.of("5.25", "USD"), null,
                        new BigDecimal("10"), BigDecimal.ZERO),
                new LifecycleLine(2, "SKU-200", new BigDecimal("4"), "CS", Money.of("19.90", "USD"), null,
                        new BigDecimal("4"), BigDecimal.ZERO));
        Shipment shipment = new Shipment("O-RT", "SHP-RT", "WH-1", "UPSN", "1ZTRACK", List.of(
                new Shipment.Line(1, "SKU-100", new BigDecimal("10"), "EA"),
                new Shipment.Line(2, "SKU-200", new BigDecimal("4"), "CS")), OffsetDateTime.now());
        InvoicePosted invoice = new InvoicePosted("O-RT", "ERP-RT", "INV-RT", java.time.LocalDate.now(), null,
                Money.of("132.10", "USD"), Money.of("0", "USD"), Money.of("132.10", "USD"), List.of(
                new InvoicePosted.Line(1, "SKU-100", new BigDecimal("10"), "EA", Money.of("5.25", "USD"),
                        Money.of("52.50", "USD")),
                new InvoicePosted.Line(2, "SKU-200", new BigDecimal("4"), "CS", Money.of("19.90", "USD"),
                        Money.of("79.60", "USD"))), OffsetDateTime.now());
        long sequence = 1;
        // Billed at shipment: the invoice comes on a restated SHIPPED, and the later delivery adds no document.
        for (OrderState state : List.of(OrderState.ACCEPTED, OrderState.CONFIRMED, OrderState.SHIPPED,
                OrderState.SHIPPED, OrderState.DELIVERED, OrderState.INVOICED, OrderState.COMPLETED)) {
            boolean billed = sequence >= 4;
            OrderLifecycleChanged change = new OrderLifecycleChanged("O-RT-" + partner.id(), sequence++,
                    "C-" + partner.id(), "partner", "PO-RT", state, null, "test", OffsetDateTime.now(), "USD", lines,
                    "ERP-RT", state.ordinal() >= OrderState.SHIPPED.ordinal() ? shipment : null,
                    billed ? invoice : null, ref);
            publishLifecycle(change, "corr-rt");
        }
        List<Map<String, Object>> documents = await().atMost(Duration.ofSeconds(20)).until(
                () -> pull(partner), docs -> docs.size() == 3);
        assertThat(documents).extracting(d -> d.get("documentType")).containsExactly("855", "856", "810");
        assertThat(documents).extracting(d -> d.get("correlationId")).containsOnly("corr-rt");
        List<Long> controls = documents.stream().map(d -> Long.parseLong((String) d.get("interchangeControl")))
                .toList();
        assertThat(controls).isSorted().doesNotHaveDuplicates();

        List<X12Segment> poAck = parse((String) documents.get(0).get("payload"));
        assertThat(segment(poAck, "BAK").elements()).startsWith("00", "AD", "PO-RT", "20240105");
        assertThat(segment(poAck, "ACK").element(1)).isEqualTo("IA");
        assertThat(segment(poAck, "ISA").element(8).trim()).isEqualTo(partner.sender());
        List<X12Segment> asn = parse((String) documents.get(1).get("payload"));
        assertThat(segment(asn, "PRF").element(1)).isEqualTo("PO-RT");
        assertThat(segment(asn, "REF").element(2)).isEqualTo("1ZTRACK");
        List<X12Segment> inv = parse((String) documents.get(2).get("payload"));
        assertThat(segment(inv, "BIG").element(4)).isEqualTo("PO-RT");
        assertThat(segment(inv, "TDS").element(1)).isEqualTo("13210");
        assertThat(documents).extracting(d -> d.get("acknowledgmentStatus")).containsOnly("PENDING");

        // The partner acknowledges our 855 with its own 997.
        String group855 = segment(poAck, "GS").element(6);
        long ackControl = CONTROL.incrementAndGet();
        String partner997 = "ISA*00*          *00*          *ZZ*" + String.format("%-15s", partner.sender())
                + "*ZZ*TRADEFLOW      *240105*1230*U*00401*" + String.format("%09d", ackControl) + "*0*P*>~"
                + "GS*FA*" + partner.sender() + "*TRADEFLOW*20240105*1230*" + ackControl + "*X*004010~"
                + "ST*997*0001~AK1*PR*" + group855 + "~AK9*A*1*1*1~SE*4*0001~GE*1*" + ackControl + "~IEA*1*"
                + String.format("%09d", ackControl) + "~";
        String answer = send(partner, partner997, null).then().statusCode(200).header("X-Outcome", "ACCEPTED")
                .extract().asString();
        // An acknowledgment is never acknowledged functionally: the partner hears only that the interchange arrived.
        List<X12Segment> receipt = parse(answer);
        assertThat(receipt).extracting(X12Segment::tag).containsExactly("ISA", "TA1", "IEA");
        assertThat(segment(receipt, "TA1").elements()).containsExactly(String.format("%09d", ackControl), "240105",
                "1230", "A", "000");
        assertThat(pull(partner)).filteredOn(d -> "855".equals(d.get("documentType")))
                .extracting(d -> d.get("acknowledgmentStatus")).containsExactly("ACKNOWLEDGED");
    }

    @Test
    void aPoTheSuiteRefusesIsAnsweredWithAnRejecting855CarryingTheReasonOnce() {
        TestPartner partner = onboard("997", 100);
        var ref = ordered(partner, "PO-RJ", "corr-rj");
        List<LifecycleLine> lines = List.of(new LifecycleLine(1, "SKU-100", new BigDecimal("10"), "EA", null, null,
                null, null));
        String orderId = "O-RJ-" + partner.id();
        OrderLifecycleChanged rejected = new OrderLifecycleChanged(orderId, 3, "C-" + partner.id(), "partner", "PO-RJ",
                OrderState.REJECTED, OrderState.PRICED, "insufficient stock for SKU-100*5~ requested", OffsetDateTime.now(),
                "USD", lines, null, null, null, ref);
        publishLifecycle(rejected, "corr-rj");
        publishLifecycle(rejected, "corr-rj");
        List<Map<String, Object>> documents = await().atMost(Duration.ofSeconds(20)).until(
                () -> pull(partner), docs -> !docs.isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> pull(partner).size() == 1);
        assertThat(documents.get(0).get("documentType")).isEqualTo("855");
        List<X12Segment> poAck = parse((String) documents.get(0).get("payload"));
        assertThat(segment(poAck, "BAK").elements()).startsWith("00", "RD", "PO-RJ");
        assertThat(segment(poAck, "ACK").elements()).startsWith("IR", "10");
        // The partner's delimiters never reach the note: the document still parses into the same segments.
        assertThat(segment(poAck, "MSG").element(1)).isEqualTo("insufficient stock for SKU-100 5  requested");
    }

    @Test
    void aPoCancelledBeforeTheErpAcceptedItIsAnsweredWithARejecting855AndALaterCancelSendsNoSecond() {
        TestPartner partner = onboard("997", 100);
        var ref = ordered(partner, "PO-CX", "corr-cx");
        List<LifecycleLine> lines = List.of(new LifecycleLine(1, "SKU-100", new BigDecimal("10"), "EA", null, null,
                null, null));
        publishLifecycle(new OrderLifecycleChanged("O-CX-" + partner.id(), 4, "C-" + partner.id(), "partner",
                "PO-CX", OrderState.CANCELLED, OrderState.ALLOCATED, "cancel requested by crm", OffsetDateTime.now(),
                "USD", lines, null, null, null, ref), "corr-cx");
        List<Map<String, Object>> documents = await().atMost(Duration.ofSeconds(20)).until(
                () -> pull(partner), docs -> !docs.isEmpty());
        List<X12Segment> poAck = parse((String) documents.get(0).get("payload"));
        assertThat(segment(poAck, "BAK").elements()).startsWith("00", "RD", "PO-CX");
        assertThat(segment(poAck, "MSG").element(1)).isEqualTo("cancel requested by crm");

        // Cancelled after the partner was told it was accepted: no second 855 contradicts the first.
        var accepted = ordered(partner, "PO-CX2", "corr-cx2");
        confirmByErp(partner, "PO-CX2");
        await().atMost(Duration.ofSeconds(20)).until(() -> pull(partner).size() == 2);
        publishLifecycle(new OrderLifecycleChanged("O-PO-CX2-" + partner.id(), 3, "C-" + partner.id(), "partner",
                "PO-CX2", OrderState.CANCELLED, OrderState.CONFIRMED, "cancel requested by crm", OffsetDateTime.now(),
                "USD", lines, "ERP-PO-CX2", null, null, accepted), "corr-cx2");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> pull(partner).size() == 2);
    }

    @Test
    void aPoResentAfterItsRejecting855IsOrderedAgainAndTheRefusedAttemptsLateEventsSendNothing() {
        TestPartner partner = onboard("997", 100);
        var inbound = kafka.consumeStrings().fromTopics(Topics.ORDERS_INBOUND);
        var first = ordered(partner, "PO-AGAIN", "corr-ag");
        List<LifecycleLine> lines = List.of(new LifecycleLine(1, "SKU-100", new BigDecimal("10"), "EA", null, null,
                null, null));
        OrderLifecycleChanged rejected = new OrderLifecycleChanged("O-AG1-" + partner.id(), 3, "C-" + partner.id(),
                "partner", "PO-AGAIN", OrderState.REJECTED, OrderState.VALIDATED, "customer unknown to the ERP",
                OffsetDateTime.now(), "USD", lines, null, null, null, first);
        publishLifecycle(rejected, "corr-ag");
        await().atMost(Duration.ofSeconds(20)).until(() -> pull(partner).size() == 1);

        // The buyer's customer account is set up in the ERP, and the buyer sends the same PO again.
        long isa13 = CONTROL.incrementAndGet();
        send(partner, Fixtures.x12("850-purchase-order.x12", partner.sender(), isa13, "PO-AGAIN"), "corr-ag2")
                .then().statusCode(200).header("X-Outcome", "ACCEPTED");
        List<String> keys = await().atMost(Duration.ofSeconds(20)).until(() -> inbound.getRecords().stream()
                .map(ConsumerRecord::key).filter(k -> k != null && k.startsWith(partner.id() + ":PO-AGAIN")).toList(),
                k -> k.size() == 2);
        inbound.stop();
        assertThat(keys).containsExactly(partner.id() + ":PO-AGAIN", partner.id() + ":PO-AGAIN#2");

        // A late copy of the first attempt's rejection sends nothing; the new attempt's confirmation gets its 855.
        publishLifecycle(rejected, "corr-ag");
        var second = new io.tradeflow.contracts.partners.PartnerRef(partner.id(), String.format("%09d", isa13),
                String.valueOf(isa13), "0001");
        List<LifecycleLine> priced = List.of(new LifecycleLine(1, "SKU-100", new BigDecimal("10"), "EA",
                Money.of("5.25", "USD"), null, new BigDecimal("10"), BigDecimal.ZERO));
        publishLifecycle(new OrderLifecycleChanged("O-AG2-" + partner.id(), 5, "C-" + partner.id(), "partner",
                "PO-AGAIN", OrderState.CONFIRMED, OrderState.SUBMITTED, "ERP accepted", OffsetDateTime.now(), "USD",
                priced, "ERP-AG", null, null, second), "corr-ag2");
        List<Map<String, Object>> documents = await().atMost(Duration.ofSeconds(20)).until(
                () -> pull(partner), docs -> docs.size() >= 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> pull(partner).size() == 2);
        assertThat(documents).extracting(d -> segment(parse((String) d.get("payload")), "BAK").element(2))
                .containsExactly("RD", "AD");
    }

    @Test
    void anOrderThatSkippedStatesStillGetsEachDocumentOnceWhenItsDetailArrives() {
        TestPartner partner = onboard("997", 100);
        var ref = ordered(partner, "PO-SK", "corr-sk");
        List<LifecycleLine> lines = List.of(new LifecycleLine(1, "SKU-100", new BigDecimal("10"), "EA",
                Money.of("5.25", "USD"), null, new BigDecimal("10"), BigDecimal.ZERO));
        Shipment shipment = new Shipment("O-SK", "SHP-SK", "WH-1", "UPSN", "1ZSK", List.of(
                new Shipment.Line(1, "SKU-100", new BigDecimal("10"), "EA")), OffsetDateTime.now());
        String orderId = "O-SK-" + partner.id();
        // The carrier's delivery overtook the warehouse's shipment and the ERP's acceptance: SHIPPED and DELIVERED
        // come first with neither ERP number nor shipment; each detail follows on a restated DELIVERED.
        long sequence = 1;
        for (Object[] step : new Object[][] {{OrderState.SHIPPED, null, null}, {OrderState.DELIVERED, null, null},
                {OrderState.DELIVERED, "ERP-SK", null}, {OrderState.DELIVERED, "ERP-SK", shipment},
                {OrderState.DELIVERED, "ERP-SK", shipment}}) {
            publishLifecycle(new OrderLifecycleChanged(orderId, sequence++, "C-" + partner.id(), "partner", "PO-SK",
                    (OrderState) step[0], OrderState.DELIVERED, "test", OffsetDateTime.now(), "USD", lines,
                    (String) step[1], (Shipment) step[2], null, ref), "corr-sk");
        }
        List<Map<String, Object>> documents = await().atMost(Duration.ofSeconds(20)).until(
                () -> pull(partner), docs -> docs.size() >= 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> pull(partner).size() == 2);
        assertThat(documents).extracting(d -> d.get("documentType")).containsExactly("855", "856");
        assertThat(segment(parse((String) documents.get(1).get("payload")), "REF").element(2)).isEqualTo("1ZSK");
    }

    @Test
    void anOrderShippedInTwoPartsGetsAnEightFiftySixForEachShipmentAndNoneTwice() {
        TestPartner partner = onboard("997", 100);
        var ref = ordered(partner, "PO-SP", "corr-sp");
        List<LifecycleLine> lines = List.of(
                new LifecycleLine(1, "SKU-100", new BigDecimal("10"), "EA", Money.of("5.25", "USD"), null,
                        new BigDecimal("10"), BigDecimal.ZERO),
                new LifecycleLine(2, "SKU-200", new BigDecimal("4"), "CS", Money.of("19.90", "USD"), null,
                        new BigDecimal("4"), BigDecimal.ZERO));
        Shipment east = new Shipment("O-SP", "SHP-EAST", "WH-EAST", "UPSN", "1ZEAST", List.of(
                new Shipment.Line(1, "SKU-100", new BigDecimal("10"), "EA")), OffsetDateTime.now());
        Shipment west = new Shipment("O-SP", "SHP-WEST", "WH-WEST", "FDEG", "7489WEST", List.of(
                new Shipment.Line(2, "SKU-200", new BigDecimal("4"), "CS")), OffsetDateTime.now());
        String orderId = "O-SP-" + partner.id();
        long sequence = 1;
        // Shipped with the first part, the second part restated in SHIPPED, then a redelivery of that restatement.
        for (Object[] step : new Object[][] {{OrderState.CONFIRMED, null}, {OrderState.SHIPPED, east},
                {OrderState.SHIPPED, west}, {OrderState.SHIPPED, west}}) {
            publishLifecycle(new OrderLifecycleChanged(orderId, sequence++, "C-" + partner.id(), "partner", "PO-SP",
                    (OrderState) step[0], null, "test", OffsetDateTime.now(), "USD", lines, "ERP-SP",
                    (Shipment) step[1], null, ref), "corr-sp");
        }
        List<Map<String, Object>> documents = await().atMost(Duration.ofSeconds(20)).until(
                () -> pull(partner), docs -> docs.size() >= 3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> pull(partner).size() == 3);
        assertThat(documents).extracting(d -> d.get("documentType")).containsExactly("855", "856", "856");
        List<X12Segment> first = parse((String) documents.get(1).get("payload"));
        List<X12Segment> second = parse((String) documents.get(2).get("payload"));
        assertThat(segment(first, "BSN").element(2)).isEqualTo("SHP-EAST");
        assertThat(segment(first, "REF").element(2)).isEqualTo("1ZEAST");
        assertThat(segment(second, "BSN").element(2)).isEqualTo("SHP-WEST");
        assertThat(segment(second, "REF").element(2)).isEqualTo("7489WEST");
        assertThat(segment(second, "PRF").element(1)).isEqualTo("PO-SP");
    }

    @Test
    void aPartnersRejectingNineNinetySevenMarksOurDocumentRejectedNotAcknowledged() {
        TestPartner partner = onboard("997", 100);
        send(partner, Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(), "PO-RJ"),
                null).then().statusCode(200);
        publishLifecycle(new OrderLifecycleChanged("O-RJ-" + partner.id(), 2, "C", "partner", "PO-RJ",
                OrderState.CONFIRMED, null, "test", OffsetDateTime.now(), "USD", List.of(new LifecycleLine(1,
                "SKU-100", BigDecimal.TEN, "EA", null, null, BigDecimal.TEN, BigDecimal.ZERO)), "ERP-RJ", null, null,
                new io.tradeflow.contracts.partners.PartnerRef(partner.id(), null, null, null)), "corr-rj");
        List<Map<String, Object>> docs = await().atMost(Duration.ofSeconds(20)).until(() -> pull(partner),
                d -> d.size() == 1);
        String group855 = segment(parse((String) docs.get(0).get("payload")), "GS").element(6);
        long ackControl = CONTROL.incrementAndGet();
        String rejecting997 = "ISA*00*          *00*          *ZZ*" + String.format("%-15s", partner.sender())
                + "*ZZ*TRADEFLOW      *240105*1230*U*00401*" + String.format("%09d", ackControl) + "*0*P*>~"
                + "GS*FA*" + partner.sender() + "*TRADEFLOW*20240105*1230*" + ackControl + "*X*004010~"
                + "ST*997*0001~AK1*PR*" + group855 + "~AK2*855*0001~AK5*R*5~AK9*R*1*1*0~SE*6*0001~GE*1*"
                + ackControl + "~IEA*1*" + String.format("%09d", ackControl) + "~";
        send(partner, rejecting997, null).then().statusCode(200);
        assertThat(pull(partner)).extracting(d -> d.get("acknowledgmentStatus")).containsExactly("REJECTED");
        assertThat(messages(partner.id())).anySatisfy(m -> assertThat((String) m.get("flags"))
                .contains("our group " + group855 + " rejected"));
    }

    @Test
    void documentsWhose997IsLateAreFlaggedOverdue() {
        TestPartner partner = onboardWithSla(0, 24);
        long isa13 = CONTROL.incrementAndGet();
        send(partner, Fixtures.x12("850-purchase-order.x12", partner.sender(), isa13, "PO-OD"), null)
                .then().statusCode(200);
        confirmByErp(partner, "PO-OD");
        List<Map<String, Object>> overdue = await().atMost(Duration.ofSeconds(20)).until(() -> pull(partner),
                docs -> docs.size() == 1 && "OVERDUE".equals(docs.get(0).get("acknowledgmentStatus")));
        // Only the partner's 997 settles an X12 document: a JSON answer must not pre-empt it.
        acknowledge(partner.apiKey(), partner.id(), overdue.get(0).get("messageId"), Map.of("status", "ACCEPTED"))
                .then().statusCode(409).body("type", containsString("no-acknowledgment-expected"));
        assertThat(pull(partner).get(0).get("acknowledgmentStatus")).isEqualTo("OVERDUE");
        // The breach is labelled by the answer that is late: this partner owes us a 997.
        await().atMost(Duration.ofSeconds(5)).until(() -> breaches(partner, "997") == 1.0);
    }

    @Test
    void aPoStillWaitingForOur855PastTheSlaIsFlaggedInTheTrailAndCountedOnce() {
        TestPartner partner = onboardWithSla(60, 0);
        long isa13 = CONTROL.incrementAndGet();
        send(partner, Fixtures.x12("850-purchase-order.x12", partner.sender(), isa13, "PO-855LATE"), null)
                .then().statusCode(200);
        // The ERP has not answered: the PO's 850 shows the breach while the partner still waits.
        await().atMost(Duration.ofSeconds(20)).until(() -> messages(partner.id()), m -> m.size() == 1
                && String.valueOf(m.get(0).get("flags")).contains("855 overdue (0 h SLA) for PO PO-855LATE"));
        await().atMost(Duration.ofSeconds(5)).until(() -> breaches(partner, "855") == 1.0);

        confirmByErp(partner, "PO-855LATE");
        List<Map<String, Object>> sent = await().atMost(Duration.ofSeconds(20)).until(() -> pull(partner),
                docs -> docs.size() == 1);
        assertThat(sent.get(0).get("documentType")).isEqualTo("855");
        assertThat(outboundFlags(partner)).contains("855 sent after the 0 h SLA");
        // Late while waiting and late when sent is one breach of one PO, not two; and no further scan counts it.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> breaches(partner, "855") == 1.0);
    }

    /** The ERP accepted the partner's one-line PO in full, as the orchestrator announces it on orders.lifecycle. */
    void confirmByErp(TestPartner partner, String po) {
        publishLifecycle(new OrderLifecycleChanged("O-" + po + "-" + partner.id(), 2, "C-" + partner.id(), "partner",
                po, OrderState.CONFIRMED, OrderState.SUBMITTED, "test", OffsetDateTime.now(), "USD", List.of(
                new LifecycleLine(1, "SKU-100", new BigDecimal("10"), "EA", Money.of("5.25", "USD"), null,
                        BigDecimal.ZERO, new BigDecimal("10"))), "ERP-" + po, null, null,
                new io.tradeflow.contracts.partners.PartnerRef(partner.id(), null, null, null)), "corr-" + po);
    }

    /** The SLA breaches of one kind counted for the partner, from the Prometheus scrape. */
    static double breaches(TestPartner partner, String sla) {
        String scrape = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return scrape.lines().filter(l -> l.startsWith("tradeflow_gateway_sla_breaches_total{")
                        && l.contains("partner=\"" + partner.id() + "\"") && l.contains("sla=\"" + sla + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The flags on the partner's outbound documents, as its audit trail shows them. */
    static String outboundFlags(TestPartner partner) {
        List<String> flags = given().auth().oauth2(admin())
                .when().get("/api/v1/partners/" + partner.id() + "/messages?direction=outbound")
                .then().statusCode(200).extract().jsonPath().getList("flags", String.class);
        return String.join("; ", flags.stream().map(String::valueOf).toList());
    }

    @Test
    void aPoisonLifecycleEventLandsInTheDlqWithTheReasonAndTheConsumerKeepsGoing() {
        var dlq = kafka.consumeStrings().fromTopics(Topics.dlq(Topics.ORDERS_LIFECYCLE));
        String key = "poison-" + UUID.randomUUID();
        CloudEvent poison = CloudEvent.of("/test", CloudEventTypes.ORDER_LIFECYCLE, key, "corr-poison",
                "{\"orderId\": [not json");
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.ORDERS_LIFECYCLE, null, key, poison.data(),
                KafkaCloudEvents.headers(poison))).awaitCompletion(Duration.ofSeconds(10));
        ConsumerRecord<String, String> dead = awaitRecord(dlq, key);
        assertThat(KafkaCloudEvents.get(dead.headers(), "dead-letter-reason")).contains("OrderLifecycleChanged");

        // The consumer goes on: the next partner order still gets its 855.
        TestPartner partner = onboard("997", 100);
        send(partner, Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(), "PO-AP"),
                null).then().statusCode(200);
        publishLifecycle(new OrderLifecycleChanged("O-AP", 2, "C", "partner", "PO-AP", OrderState.CONFIRMED, null,
                "test", OffsetDateTime.now(), "USD", List.of(new LifecycleLine(1, "SKU-100", BigDecimal.TEN, "EA",
                null, null, BigDecimal.TEN, BigDecimal.ZERO)), "ERP-AP", null, null,
                new io.tradeflow.contracts.partners.PartnerRef(partner.id(), null, null, null)), "corr-ap");
        await().atMost(Duration.ofSeconds(20)).until(() -> pull(partner), docs -> docs.size() == 1);
    }

    @Test
    void aLifecycleEventThatMeetsADatabaseFailureThatPassesStillGivesThePartnerIts855() {
        TestPartner partner = onboard("997", 100);
        send(partner, Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(), "PO-TF"),
                null).then().statusCode(200);
        CloudEvent confirmed = lifecycleEvent(new OrderLifecycleChanged("O-TF-" + partner.id(), 2, "C", "partner",
                "PO-TF", OrderState.CONFIRMED, null, "test", OffsetDateTime.now(), "USD", List.of(new LifecycleLine(1,
                "SKU-100", BigDecimal.TEN, "EA", null, null, BigDecimal.TEN, BigDecimal.ZERO)), "ERP-TF", null, null,
                new io.tradeflow.contracts.partners.PartnerRef(partner.id(), null, null, null)), "corr-tf");
        try (PassingDatabaseFailures failures = PassingDatabaseFailures.failFirstDeliveries("gateway", confirmed.id(),
                2)) {
            publishLifecycle(confirmed);
            List<Map<String, Object>> docs = await().atMost(Duration.ofSeconds(30)).until(() -> pull(partner),
                    d -> d.size() == 1);
            assertThat(docs.get(0).get("documentType")).isEqualTo("855");
            assertThat(failures.attempts()).isEqualTo(3);
        }
    }

    /** Saving a profile loaded before a 997 took a control number must not hand that number out again. */
    @Test
    void ourControlNumbersStayUniqueWhileTheProfileIsEdited() throws Exception {
        TestPartner partner = onboard("997", 1000);
        Map<String, Object> edited = new HashMap<>(profile(partner.id(), partner.sender(), "997", 1000));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        List<Future<?>> edits = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String x12 = Fixtures.x12("850-purchase-order.x12", partner.sender(), 5000 + i, "PO-ED" + i);
            answers.add(pool.submit(() -> {
                go.await();
                return send(partner, x12, null);
            }));
            int n = i;
            edits.add(pool.submit(() -> {
                go.await();
                Map<String, Object> body = new HashMap<>(edited);
                body.put("name", "Partner " + partner.id() + " edit " + n);
                given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body)
                        .when().put("/api/v1/partners/" + partner.id()).then().statusCode(200);
                return null;
            }));
        }
        go.countDown();
        List<String> controls = new ArrayList<>();
        for (Future<Response> answer : answers) {
            Response response = answer.get(60, TimeUnit.SECONDS);
            response.then().statusCode(200);
            controls.add(segment(parse(response.asString()), "ISA").element(13));
        }
        for (Future<?> edit : edits) {
            edit.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(controls).hasSize(24).doesNotHaveDuplicates();

        // And after the edits the next 997 continues above every number already sent.
        String next = segment(parse(send(partner, Fixtures.x12("850-purchase-order.x12", partner.sender(), 5100,
                "PO-ED-NEXT"), null).then().statusCode(200).extract().asString()), "ISA").element(13);
        assertThat(Long.parseLong(next)).isGreaterThan(controls.stream().mapToLong(Long::parseLong).max().orElseThrow());
    }

    // ---- helpers: the partner and the orchestrator as the test plays them

    TestPartner onboard(String acknowledgment, int rateLimit) {
        String id = "p" + UUID.randomUUID().toString().substring(0, 8);
        String sender = id.toUpperCase();
        String apiKey = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(profile(id, sender, acknowledgment, rateLimit))
                .when().post("/api/v1/partners")
                .then().statusCode(201).body("partner.id", equalTo(id)).extract().path("apiKey");
        return new TestPartner(id, sender, apiKey);
    }

    /** A marketplace sending JSON orders only: no X12 profile, and not asked to acknowledge our documents. */
    static TestPartner onboardMarketplace() {
        return onboardMarketplace("997", 60);
    }

    /** {@code acknowledgment} JSON: it answers each of our documents within {@code ackMinutes}. */
    static TestPartner onboardMarketplace(String acknowledgment, int ackMinutes) {
        String id = "m" + UUID.randomUUID().toString().substring(0, 8);
        String apiKey = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Marketplace " + id, "type", "MARKETPLACE", "customerId", "C-" + id,
                        "acknowledgment", acknowledgment, "documentTypes", List.of("JSON_ORDER"),
                        "rateLimitPerMinute", 100, "sla", Map.of("functionalAckMinutes", ackMinutes)))
                .when().post("/api/v1/partners").then().statusCode(201).extract().path("apiKey");
        return new TestPartner(id, id.toUpperCase(), apiKey);
    }

    /** Our documents' 997 is due within {@code ackMinutes}, our 855 within {@code poAckHours} of the 850. */
    TestPartner onboardWithSla(int ackMinutes, int poAckHours) {
        String id = "p" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> profile = new HashMap<>(profile(id, id.toUpperCase(), "997", 100));
        profile.put("sla", Map.of("functionalAckMinutes", ackMinutes, "poAckHours", poAckHours,
                "shipNoticeHours", 24));
        String apiKey = given().auth().oauth2(admin()).contentType(ContentType.JSON).body(profile)
                .when().post("/api/v1/partners").then().statusCode(201).extract().path("apiKey");
        return new TestPartner(id, id.toUpperCase(), apiKey);
    }

    static Map<String, Object> profile(String id, String sender, String acknowledgment, int rateLimit) {
        return Map.of("id", id, "name", "Partner " + id, "type", "EDI", "customerId", "C-" + id,
                "x12", Map.of("senderQualifier", "ZZ", "senderId", sender, "receiverQualifier", "ZZ",
                        "receiverId", "TRADEFLOW", "version", "004010"),
                "acknowledgment", acknowledgment, "documentTypes", List.of("850", "997"),
                "rateLimitPerMinute", rateLimit);
    }

    static String admin() {
        return TestTokens.forRole("partner-admin");
    }

    /** {@code body} exactly as given, under {@code contentType} and nothing RestAssured adds to it. */
    static Response sendBytes(TestPartner partner, String contentType, byte[] body) {
        return given().config(noDefaultCharset()).header("X-API-Key", partner.apiKey()).contentType(contentType)
                .body(body).when().post("/api/v1/partners/" + partner.id() + "/documents");
    }

    /** A JSON partner's answer to our outbound document {@code messageId}, sent with {@code apiKey}. */
    static Response acknowledge(String apiKey, String partnerId, Object messageId, Map<String, String> answer) {
        return given().header("X-API-Key", apiKey).contentType(ContentType.JSON).body(answer)
                .when().post("/api/v1/partners/" + partnerId + "/documents/" + messageId + "/acknowledgment");
    }

    /** RestAssured otherwise declares its own default charset (ISO-8859-1) on every body it sends. */
    static io.restassured.config.RestAssuredConfig noDefaultCharset() {
        return io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }

    static Response send(TestPartner partner, String x12, String correlation) {
        var request = given().header("X-API-Key", partner.apiKey()).contentType("application/edi-x12").body(x12.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        if (correlation != null) {
            request = request.header("X-Correlation-Id", correlation);
        }
        return request.when().post("/api/v1/partners/" + partner.id() + "/documents");
    }

    static List<Map<String, Object>> messages(String partnerId) {
        List<Map<String, Object>> newestFirst = given().auth().oauth2(admin())
                .when().get("/api/v1/partners/" + partnerId + "/messages?direction=inbound")
                .then().statusCode(200).extract().jsonPath().getList("$");
        List<Map<String, Object>> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    static List<Map<String, Object>> pull(TestPartner partner) {
        return given().header("X-API-Key", partner.apiKey())
                .when().get("/api/v1/partners/" + partner.id() + "/documents?direction=outbound&since=0")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** The partner's accepted 850 for {@code po}, as the orchestrator's lifecycle events refer to it. */
    private io.tradeflow.contracts.partners.PartnerRef ordered(TestPartner partner, String po, String correlation) {
        long isa13 = CONTROL.incrementAndGet();
        send(partner, Fixtures.x12("850-purchase-order.x12", partner.sender(), isa13, po), correlation)
                .then().statusCode(200).header("X-Outcome", "ACCEPTED");
        return new io.tradeflow.contracts.partners.PartnerRef(partner.id(), String.format("%09d", isa13),
                String.valueOf(isa13), "0001");
    }

    void publishLifecycle(OrderLifecycleChanged change, String correlation) {
        publishLifecycle(lifecycleEvent(change, correlation));
    }

    static CloudEvent lifecycleEvent(OrderLifecycleChanged change, String correlation) {
        return CloudEvent.of("/tradeflow/order-orchestrator", CloudEventTypes.ORDER_LIFECYCLE, change.orderId(),
                correlation, Json.write(change));
    }

    void publishLifecycle(CloudEvent event) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.ORDERS_LIFECYCLE, null, event.subject(),
                event.data(), KafkaCloudEvents.headers(event))).awaitCompletion(Duration.ofSeconds(10));
    }

    static List<X12Segment> parse(String x12) {
        X12Interchange interchange = X12Reader.read(x12);
        assertThat(interchange.fatal()).as("StAEDI read error of\n" + x12).isNull();
        assertThat(interchange.errors()).as("StAEDI validation errors of\n" + x12).isEmpty();
        return interchange.segments();
    }

    static X12Segment segment(List<X12Segment> segments, String tag) {
        return segments.stream().filter(s -> s.tag().equals(tag)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + tag + " in " + segments));
    }

    static ConsumerRecord<String, String> awaitRecord(ConsumerTask<String, String> consumer, String key) {
        try {
            return await().atMost(Duration.ofSeconds(20)).until(
                    () -> consumer.getRecords().stream().filter(r -> key.equals(r.key())).findFirst(),
                    Optional::isPresent).orElseThrow();
        } finally {
            consumer.stop();
        }
    }
}
