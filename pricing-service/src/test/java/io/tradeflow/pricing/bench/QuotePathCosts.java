package io.tradeflow.pricing.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.*;
import java.util.function.IntSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.smallrye.jwt.auth.principal.*;
import io.tradeflow.contracts.pricing.*;
import io.tradeflow.pricing.engine.*;
import io.tradeflow.pricing.rest.QuoteResource;

/**
 * What the pieces of a quote cost in CPU time of the measuring thread (not wall time), so the figures hold on a
 * machine busy with other work, where QuoteBenchmark's rates and even its process CPU swing with the JIT's
 * progress. Token verification against the cache, the engine for the benchmark's 10-line basket, Bean
 * Validation against the hand check of the same body. Pass {@code -Dbench.serviceJar} to QuoteBenchmark to
 * compare whole builds; this one measures the classes on its classpath:
 * <pre>
 * ./mvnw -pl pricing-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.tradeflow.pricing.bench.QuotePathCosts
 * </pre>
 */
public final class QuotePathCosts {
    static final ThreadMXBean T = ManagementFactory.getThreadMXBean();
    static volatile Object sink;

    static double perOp(String name, Runnable op) {
        long end = System.nanoTime() + 4_000_000_000L;
        while (System.nanoTime() < end) { for (int i = 0; i < 100; i++) op.run(); }   // warm-up (JIT)
        long c0 = T.getCurrentThreadCpuTime(); long n = 0;
        end = System.nanoTime() + 4_000_000_000L;
        while (System.nanoTime() < end) { for (int i = 0; i < 100; i++) op.run(); n += 100; }
        double us = (T.getCurrentThreadCpuTime() - c0) / 1e3 / n;
        System.out.printf("%-52s %10.2f us/op  (%d ops)%n", name, us, n);
        return us;
    }

    public static void main(String[] a) throws Exception {
        String token = io.tradeflow.testinfra.TestTokens.forRole("storefront");
        JWTAuthContextInfo info = new JWTAuthContextInfo("testinfra-jwt-public.pem", io.tradeflow.testinfra.TestTokens.ISSUER);
        info.setExpectedAudience(Set.of(io.tradeflow.testinfra.TestTokens.AUDIENCE));
        DefaultJWTParser parser = new DefaultJWTParser(info);
        perOp("JWT verify (DefaultJWTParser.parse)", () -> { try { sink = parser.parse(new String(token)); } catch (Exception e) { throw new RuntimeException(e); } });
        try {
            Class<?> c = Class.forName("io.tradeflow.platform.security.VerifiedTokens");
            var ctor = c.getDeclaredConstructor(JWTParser.class, java.time.Clock.class, java.time.Duration.class, int.class);
            ctor.setAccessible(true);
            JWTParser cached = (JWTParser) ctor.newInstance(parser, java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(5), 10000);
            perOp("JWT via VerifiedTokens (hit)", () -> { try { sink = cached.parse(new String(token)); } catch (Exception e) { throw new RuntimeException(e); } });
        } catch (ClassNotFoundException old) {
            System.out.println("(no VerifiedTokens in this build)");
        }

        ObjectMapper m = new ObjectMapper().registerModule(new JavaTimeModule()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        PriceBook book = new PriceBook();
        int skus = 200; // as BenchCatalog seeds them
        for (int i = 0; i < skus; i++) {
            String sku = "BENCH-" + i;
            book.apply(m.readValue("{\"erpRecordId\":\"LP-" + sku + "\",\"version\":1,\"sku\":\"" + sku + "\",\"price\":{\"amount\":" + (10 + i) + ".25,\"currency\":\"USD\"}}", ListPrice.class));
            if (i % 2 == 0) book.apply(m.readValue("{\"erpRecordId\":\"TP-" + sku + "\",\"version\":1,\"tier\":\"GOLD\",\"sku\":\"" + sku + "\",\"price\":{\"amount\":" + (9 + i) + ".10,\"currency\":\"USD\"}}", TierPrice.class));
            book.apply(m.readValue("{\"erpRecordId\":\"VB-" + sku + "\",\"version\":1,\"sku\":\"" + sku + "\",\"level\":\"LIST\",\"minimumQuantity\":5,\"percentOff\":5}", VolumeBreak.class));
            if (i % 3 == 0) book.apply(m.readValue("{\"erpRecordId\":\"PR-" + sku + "\",\"version\":1,\"promotionId\":\"P-" + sku + "\",\"percentOff\":3,\"skus\":[\"" + sku + "\"],\"channels\":[\"storefront\"],\"stackable\":true}", Promotion.class));
        }
        PricingEngine engine = new PricingEngine(ZoneId.of("UTC"));
        CustomerContext customer = new CustomerContext("BENCH-1", "GOLD", "industrial", null, true);
        perOp("engine: 10 lines priced", () -> {
            Instant now = Instant.now();
            for (int i = 0; i < 10; i++) sink = engine.price(book, customer, "storefront", "USD", i + 1, "BENCH-" + (i * 17 % skus), BigDecimal.valueOf(1 + i), "EA", now);
        });

        jakarta.validation.Validator v = jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();
        List<QuoteResource.LineBody> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) lines.add(new QuoteResource.LineBody("BENCH-" + (i * 17 % skus), BigDecimal.valueOf(1 + i), "EA"));
        QuoteResource.QuoteBody body = new QuoteResource.QuoteBody("BENCH-1", "storefront", "USD", lines);
        perOp("Bean Validation of a 10-line body (validate)", () -> sink = v.validate(body));
        try {
            var check = QuoteResource.QuoteBody.class.getDeclaredMethod("obviouslyValid");
            check.setAccessible(true);
            perOp("hand check of a 10-line body (obviouslyValid)", () -> { try { sink = check.invoke(body); } catch (Exception e) { throw new RuntimeException(e); } });
        } catch (NoSuchMethodException old) {
            System.out.println("(no hand check in this build)");
        }
        System.exit(0);
    }

    private QuotePathCosts() {
    }
}
