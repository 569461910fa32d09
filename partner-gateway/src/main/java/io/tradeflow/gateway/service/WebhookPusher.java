package io.tradeflow.gateway.service;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tradeflow.gateway.repository.WebhookQueue;
import io.tradeflow.platform.scheduling.FailureStreak;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Pushes outbound documents to partners' webhooks from the persisted queue. Each poll claims due documents
 * and starts their pushes without waiting for them, so a slow or dead partner endpoint holds only its own
 * pushes (at most {@code per-partner-in-flight}, each cut at {@code timeout}) and never the poll or other
 * partners. A failed push is retried with exponential backoff and jitter; a partner failing again and again
 * trips its circuit and is not claimed until the circuit lets a trial through.
 */
@ApplicationScoped
public class WebhookPusher {
    private static final Logger LOG = Logger.getLogger(WebhookPusher.class);

    @Inject
    Vertx vertx;
    @Inject
    WebhookQueue queue;
    @Inject
    PartnerCircuits circuits;
    @Inject
    GatewayMetrics metrics;
    @Inject
    WebhookTargets targets;

    @ConfigProperty(name = "tradeflow.gateway.webhook.batch", defaultValue = "32")
    int batch;
    @ConfigProperty(name = "tradeflow.gateway.webhook.per-partner-in-flight", defaultValue = "4")
    int perPartner;
    @ConfigProperty(name = "tradeflow.gateway.webhook.timeout", defaultValue = "10s")
    Duration timeout;
    @ConfigProperty(name = "tradeflow.gateway.webhook.backoff-base", defaultValue = "5s")
    Duration backoffBase;
    @ConfigProperty(name = "tradeflow.gateway.webhook.backoff-max", defaultValue = "1h")
    Duration backoffMax;

    /**
     * How often due pushes are claimed. Driven by a Vert.x timer: Quarkus' scheduler runs no job more often than
     * once a second, which quantised every retry delay (and the tests' 50 ms) to whole seconds.
     */
    @ConfigProperty(name = "tradeflow.gateway.webhook.poll", defaultValue = "1s")
    Duration pollEvery;

    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile long pollTimer = -1;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> inFlightByPartner = new ConcurrentHashMap<>();
    private WebClient client;

    @PostConstruct
    void start() {
        client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setUserAgent("tradeflow-partner-gateway"));
    }

    @PreDestroy
    void stop() {
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
        }
        if (client != null) {
            client.close();
        }
    }

    /** Polled every second: a database outage is logged once per streak, not once per poll. */
    private final FailureStreak claimFailures = new FailureStreak();

    void startPolling(@Observes StartupEvent event) {
        pollTimer = vertx.setPeriodic(pollEvery.toMillis(), id -> tick());
    }

    /** A poll still claiming when the next one is due is not doubled; the next tick after it ends takes over. */
    private void tick() {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        poll().subscribe().with(done -> {
            polling.set(false);
            long failed = claimFailures.succeeded();
            if (failed > 0) {
                LOG.infof("Claiming due webhook pushes works again after %d failed polls", failed);
            }
        }, failure -> {
            polling.set(false);
            long failed = claimFailures.failed();
            if (failed > 0) {
                LOG.warnf("Claiming due webhook pushes failed%s, will retry: %s", FailureStreak.inARow(failed),
                        failure.getMessage());
            }
        });
    }

    Uni<Void> poll() {
        int room = batch - inFlight.get();
        if (room <= 0) {
            return Uni.createFrom().voidItem();
        }
        // A lease a little longer than one push: if this replica dies mid-push another takes the document after it.
        long lease = timeout.toMillis() * 2 + 1000;
        return queue.claim(room, circuits.blocked(), lease).chain(claimed -> {
            List<Uni<Void>> releases = new java.util.ArrayList<>();
            for (WebhookQueue.Claimed doc : claimed) {
                AtomicInteger partnerLoad = inFlightByPartner.computeIfAbsent(doc.partnerId(), k -> new AtomicInteger());
                if (doc.url() == null) {
                    // The webhook was removed after this document was queued: it stays pullable, nothing to push.
                    releases.add(queue.failed(doc.messageId(), null, "no webhook registered", backoffMax.toMillis()));
                } else if (partnerLoad.get() >= perPartner) {
                    releases.add(queue.release(doc.messageId(), 0, null));
                } else if (!circuits.tryAcquire(doc.partnerId())) {
                    metrics.webhookDelivery(doc.partnerId(), "short-circuited");
                    releases.add(queue.release(doc.messageId(), 0, "circuit open"));
                } else {
                    partnerLoad.incrementAndGet();
                    inFlight.incrementAndGet();
                    push(doc).eventually(() -> {
                        partnerLoad.decrementAndGet();
                        inFlight.decrementAndGet();
                    }).subscribe().with(ignored -> {
                    }, failure -> LOG.warnf(failure, "recording the push of %s failed", doc.messageId()));
                }
            }
            return releases.isEmpty() ? Uni.createFrom().voidItem()
                    : Uni.join().all(releases).andCollectFailures().replaceWithVoid();
        });
    }

    private Uni<Void> push(WebhookQueue.Claimed doc) {
        int attempt = doc.attemptsBefore() + 1;
        return targets.pushAddress(doc.url()).onItemOrFailure().transformToUni((address, refused) -> {
            if (refused != null) {
                // Its host now resolves to an internal address (or not at all): never reached, retried later in
                // case the partner fixes its DNS, and counted against the partner's circuit like any failure.
                circuits.failed(doc.partnerId());
                metrics.webhookDelivery(doc.partnerId(), "refused");
                return queue.failed(doc.messageId(), null, "webhook refused at push time: " + refused.getMessage(),
                        backoff(attempt));
            }
            return send(doc, address, attempt);
        });
    }

    /** Connects to {@code address}, the one just checked, while Host, SNI and certificate name stay the URL's. */
    private Uni<Void> send(WebhookQueue.Claimed doc, InetAddress address, int attempt) {
        URI uri = URI.create(doc.url().trim());
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        HttpRequest<Buffer> request = client.requestAbs(HttpMethod.POST,
                        SocketAddress.inetSocketAddress(port, address.getHostAddress()), doc.url().trim())
                .timeout(timeout.toMillis())
                .putHeader("Content-Type", doc.contentType() == null ? X12Intake.MEDIA_TYPE : doc.contentType())
                .putHeader("X-Message-Id", doc.messageId())
                .putHeader("X-Document-Type", doc.documentType());
        if (doc.interchangeControl() != null) {
            // X12 only: a JSON partner's documents have no envelope.
            request.putHeader("X-Interchange-Control", doc.interchangeControl());
        }
        if (doc.correlationId() != null) {
            request.putHeader("X-Correlation-Id", doc.correlationId());
        }
        if (doc.secret() != null && !doc.secret().isEmpty()) {
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            request.putHeader(WebhookSignature.TIMESTAMP_HEADER, timestamp);
            request.putHeader(WebhookSignature.SIGNATURE_HEADER,
                    WebhookSignature.sign(doc.secret(), timestamp, doc.payload()));
        }
        return request.sendBuffer(Buffer.buffer(doc.payload()))
                .onItemOrFailure().transformToUni((HttpResponse<Buffer> response, Throwable failure) -> {
                    if (failure == null && response.statusCode() / 100 == 2) {
                        circuits.succeeded(doc.partnerId());
                        metrics.webhookDelivery(doc.partnerId(), "delivered");
                        return queue.delivered(doc.messageId(), response.statusCode());
                    }
                    Integer status = failure == null ? response.statusCode() : null;
                    String error = failure == null ? "HTTP " + response.statusCode()
                            : failure.getClass().getSimpleName() + ": " + failure.getMessage();
                    if (circuits.failed(doc.partnerId())) {
                        LOG.warnf("webhook of partner %s keeps failing (%s): circuit open for %s", doc.partnerId(),
                                error, circuits.openFor());
                    }
                    metrics.webhookDelivery(doc.partnerId(), "failed");
                    return queue.failed(doc.messageId(), status, error, backoff(attempt));
                });
    }

    /** Exponential in the attempt, capped, with +-20% jitter so a partner's recovered endpoint is not stampeded. */
    long backoff(int attempt) {
        double exponential = backoffBase.toMillis() * Math.pow(2, Math.min(attempt - 1, 30));
        double capped = Math.min(exponential, backoffMax.toMillis());
        return (long) (capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
    }
}
