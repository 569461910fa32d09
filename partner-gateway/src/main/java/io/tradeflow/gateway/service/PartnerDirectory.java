package io.tradeflow.gateway.service;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.gateway.repository.GatewayStore;
import io.tradeflow.gateway.repository.Partner;
import io.tradeflow.gateway.service.x12.X12Delimiters;
import io.tradeflow.gateway.service.x12.X12Expectations;
import io.tradeflow.platform.problem.ProblemException;

/** Onboarding and credentials of trading partners. */
@ApplicationScoped
public class PartnerDirectory {
    @Inject
    GatewayStore store;
    @Inject
    WebhookTargets webhooks;

    static final int DEFAULT_ACK_MINUTES = 60;
    static final int DEFAULT_PO_ACK_HOURS = 24;
    static final int DEFAULT_SHIP_NOTICE_HOURS = 24;

    public Uni<PartnerCredentials> create(PartnerProfile profile) {
        requireX12ForEdi(profile);
        ApiKeys.Issued key = ApiKeys.issue();
        return webhookTarget(profile).chain(() -> Panache.withTransaction(() -> Partner.<Partner>findById(profile.id()).chain(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("partner-exists", "partner " + profile.id() + " already exists");
            }
            return senderFree(profile).chain(() -> {
                Partner partner = new Partner();
                partner.id = profile.id();
                partner.apiKeySalt = key.salt();
                partner.apiKeyHash = key.hash();
                partner.createdAt = OffsetDateTime.now();
                apply(partner, profile);
                return partner.persist().map(p -> new PartnerCredentials(view(partner), key.key()));
            });
        })));
    }

    public Uni<PartnerProfile> update(String id, PartnerProfile profile) {
        if (!id.equals(profile.id())) {
            throw ProblemException.invalidField("id", "must match the partner id in the path");
        }
        requireX12ForEdi(profile);
        return webhookTarget(profile).chain(() -> Panache.withTransaction(() -> find(id)
                .call(partner -> senderFree(profile)).map(partner -> {
                    apply(partner, profile);
                    return view(partner);
                })));
    }

    /**
     * One X12 identity (ISA05/ISA06) belongs to one partner: a second partner with it would receive, in its audit
     * trail and acknowledgments, what the trading partner's translator addresses to the first.
     */
    private static Uni<Void> senderFree(PartnerProfile profile) {
        if (profile.x12() == null || profile.x12().senderId() == null) {
            return Uni.createFrom().voidItem();
        }
        return Partner.<Partner>find("senderQualifier = ?1 and senderId = ?2 and id <> ?3",
                profile.x12().senderQualifier(), profile.x12().senderId(), profile.id()).firstResult()
                .invoke(other -> {
                    if (other != null) {
                        throw ProblemException.conflict("x12-sender-taken", "x12.senderId "
                                + profile.x12().senderQualifier() + "/" + profile.x12().senderId()
                                + " already identifies partner " + other.id);
                    }
                }).replaceWithVoid();
    }

    /** A webhook given with the profile is held to the same rule as one registered on its own. */
    private Uni<Void> webhookTarget(PartnerProfile profile) {
        return profile.webhookUrl() == null ? Uni.createFrom().voidItem()
                : webhooks.check("webhookUrl", profile.webhookUrl());
    }

    public Uni<PartnerCredentials> rotateKey(String id) {
        ApiKeys.Issued key = ApiKeys.issue();
        return Panache.withTransaction(() -> find(id).map(partner -> {
            partner.apiKeySalt = key.salt();
            partner.apiKeyHash = key.hash();
            partner.updatedAt = OffsetDateTime.now();
            return new PartnerCredentials(view(partner), key.key());
        }));
    }

    public Uni<PartnerProfile> get(String id) {
        return Panache.withSession(() -> find(id).map(PartnerDirectory::view));
    }

    public Uni<List<PartnerProfile>> list() {
        return Panache.withSession(() -> Partner.<Partner>listAll()
                .map(all -> all.stream().map(PartnerDirectory::view)
                        .sorted(java.util.Comparator.comparing(PartnerProfile::id)).toList()));
    }

    /** The partner whose key this is; 401 for an unknown partner or a key of another partner. */
    public Uni<Partner> authenticate(String id, String apiKey) {
        return store.partner(id).map(partner -> {
            if (partner == null || !ApiKeys.matches(apiKey, partner.apiKeySalt, partner.apiKeyHash)) {
                throw new ProblemException(401, "invalid-api-key", "Unauthorized",
                        "A valid X-API-Key of partner " + id + " is required");
            }
            return partner;
        });
    }

    Uni<Partner> find(String id) {
        return Partner.<Partner>findById(id).map(partner -> {
            if (partner == null) {
                throw ProblemException.notFound("Partner", id);
            }
            return partner;
        });
    }

    public static X12Expectations expectations(Partner partner) {
        return new X12Expectations(partner.senderQualifier, partner.senderId, partner.receiverQualifier,
                partner.receiverId, partner.x12Version == null ? "004010" : partner.x12Version,
                Set.of(partner.documentTypes.split(",")));
    }

    public static X12Delimiters delimiters(Partner partner) {
        String d = partner.delimiters;
        return new X12Delimiters(d.charAt(0), d.charAt(1), d.charAt(2));
    }

    private static void requireX12ForEdi(PartnerProfile profile) {
        if (profile.type() == PartnerProfile.PartnerType.EDI && profile.x12() == null) {
            throw ProblemException.invalidField("x12", "is required for EDI partners");
        }
        if (profile.type() == PartnerProfile.PartnerType.EDI && "JSON".equals(profile.acknowledgment())) {
            throw ProblemException.invalidField("acknowledgment", "an EDI partner acknowledges with a 997 or 999");
        }
        String d = profile.x12() == null ? null : profile.x12().delimiters();
        if (d != null && d.length() == 3 && !new X12Delimiters(d.charAt(0), d.charAt(1), d.charAt(2)).usable()) {
            throw ProblemException.invalidField("x12.delimiters", "three distinct separators, e.g. *>~");
        }
    }

    private static void apply(Partner partner, PartnerProfile profile) {
        partner.name = profile.name();
        partner.type = profile.type().name();
        partner.customerId = profile.customerId();
        PartnerProfile.X12Settings x12 = profile.x12();
        partner.senderQualifier = x12 == null ? null : x12.senderQualifier();
        partner.senderId = x12 == null ? null : x12.senderId();
        partner.receiverQualifier = x12 == null ? null : x12.receiverQualifier();
        partner.receiverId = x12 == null ? null : x12.receiverId();
        partner.x12Version = x12 == null ? null : x12.version();
        partner.delimiters = x12 == null || x12.delimiters() == null ? "*>~" : x12.delimiters();
        partner.acknowledgment = profile.acknowledgment() == null ? "997" : profile.acknowledgment();
        partner.documentTypes = String.join(",", profile.documentTypes());
        partner.rateLimitPerMinute = profile.rateLimitPerMinute();
        PartnerProfile.Sla sla = profile.sla();
        partner.slaFunctionalAckMinutes = sla == null || sla.functionalAckMinutes() == null ? DEFAULT_ACK_MINUTES
                : sla.functionalAckMinutes();
        partner.slaPoAckHours = sla == null || sla.poAckHours() == null ? DEFAULT_PO_ACK_HOURS : sla.poAckHours();
        partner.slaShipNoticeHours = sla == null || sla.shipNoticeHours() == null ? DEFAULT_SHIP_NOTICE_HOURS
                : sla.shipNoticeHours();
        partner.webhookUrl = profile.webhookUrl();
        partner.updatedAt = OffsetDateTime.now();
    }

    static PartnerProfile view(Partner p) {
        PartnerProfile.X12Settings x12 = p.senderId == null ? null : new PartnerProfile.X12Settings(
                p.senderQualifier, p.senderId, p.receiverQualifier, p.receiverId, p.x12Version, p.delimiters);
        return new PartnerProfile(p.id, p.name, PartnerProfile.PartnerType.valueOf(p.type), p.customerId, x12,
                p.acknowledgment, Arrays.asList(p.documentTypes.split(",")), p.rateLimitPerMinute,
                new PartnerProfile.Sla(p.slaFunctionalAckMinutes, p.slaPoAckHours, p.slaShipNoticeHours),
                p.webhookUrl);
    }
}
