package io.tradeflow.gateway.service;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.gateway.repository.Partner;
import io.tradeflow.gateway.repository.WebhookDelivery;
import io.tradeflow.platform.problem.ProblemException;

/** A partner's webhook: registration, removal, and the push state shown beside documents. */
@ApplicationScoped
public class PartnerWebhooks {
    @Inject
    PartnerCircuits circuits;
    @Inject
    WebhookTargets targets;

    /** The webhook as administrators see it: never the secret, only whether one is set. */
    public record Webhook(String url, boolean signed, String circuit, long pending, long failing, long delivered) {
    }

    /** The push state of one document, shown in the outbound listing and the audit trail. */
    public record Delivery(String status, int attempts, OffsetDateTime deliveredAt, Integer httpStatus,
                           String lastError, OffsetDateTime nextAttemptAt) {
        static Delivery of(WebhookDelivery d) {
            boolean done = WebhookDelivery.DELIVERED.equals(d.status);
            return new Delivery(d.status, d.attempts, d.deliveredAt, d.lastHttpStatus, d.lastError,
                    done ? null : d.nextAttemptAt);
        }
    }

    public Uni<Webhook> register(String partnerId, WebhookRegistration registration) {
        String url = registration.url().trim();
        // The partner first (404), then the target (400: never push into our own network), then the change.
        return Panache.withSession(() -> partner(partnerId)).chain(() -> targets.check("url", url))
                .chain(() -> Panache.withTransaction(() -> partner(partnerId).invoke(partner -> {
                    partner.webhookUrl = url;
                    partner.webhookSecret = registration.secret();
                    partner.updatedAt = OffsetDateTime.now();
                }))).invoke(() -> circuits.forget(partnerId)).chain(() -> get(partnerId));
    }

    /** Stops pushing: documents not yet delivered stay pullable and are dropped from the push queue. */
    public Uni<Void> remove(String partnerId) {
        return Panache.withTransaction(() -> partner(partnerId).chain(partner -> {
            partner.webhookUrl = null;
            partner.webhookSecret = null;
            partner.updatedAt = OffsetDateTime.now();
            return WebhookDelivery.delete("partnerId = ?1 and status <> ?2", partnerId, WebhookDelivery.DELIVERED);
        })).invoke(() -> circuits.forget(partnerId)).replaceWithVoid();
    }

    public Uni<Webhook> get(String partnerId) {
        return Panache.withSession(() -> partner(partnerId).chain(partner -> {
            if (partner.webhookUrl == null) {
                throw ProblemException.notFound("Webhook of partner", partnerId);
            }
            return Panache.getSession().chain(session -> session.createNativeQuery(
                            "select status, count(*) from webhook_delivery where partner_id = ?1 group by status",
                            Object[].class).setParameter(1, partnerId).getResultList())
                    .map(rows -> {
                        Map<String, Long> counts = rows.stream().collect(Collectors.toMap(
                                r -> (String) r[0], r -> ((Number) r[1]).longValue()));
                        return new Webhook(partner.webhookUrl, partner.webhookSecret != null,
                                circuits.state(partnerId).name(), counts.getOrDefault(WebhookDelivery.PENDING, 0L),
                                counts.getOrDefault(WebhookDelivery.FAILING, 0L),
                                counts.getOrDefault(WebhookDelivery.DELIVERED, 0L));
                    });
        }));
    }

    /** Push states of the given documents (absent: never queued for push), for listings. */
    public Uni<Map<String, Delivery>> deliveries(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.withSession(() -> WebhookDelivery.<WebhookDelivery>list("messageId in ?1", List.copyOf(messageIds)))
                .map(rows -> rows.stream().collect(Collectors.toMap(d -> d.messageId, Delivery::of,
                        (a, b) -> a)));
    }

    /** Queues a new outbound document for push when the partner has a webhook; in the caller's transaction. */
    public static Uni<Void> enqueue(Partner partner, String messageId) {
        if (partner.webhookUrl == null) {
            return Uni.createFrom().voidItem();
        }
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.messageId = messageId;
        delivery.partnerId = partner.id;
        delivery.status = WebhookDelivery.PENDING;
        OffsetDateTime now = OffsetDateTime.now();
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        delivery.updatedAt = now;
        return delivery.persist().replaceWithVoid();
    }

    private static Uni<Partner> partner(String partnerId) {
        return Partner.<Partner>findById(partnerId).map(partner -> {
            if (partner == null) {
                throw ProblemException.notFound("Partner", partnerId);
            }
            return partner;
        });
    }

}
