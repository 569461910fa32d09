package io.tradeflow.gateway.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.tradeflow.platform.problem.ProblemException;
import io.vertx.mutiny.core.Vertx;

/**
 * Where the gateway may push partners' documents. A webhook URL is chosen by whoever administers the partner,
 * and the gateway then sends requests to it from inside the network: aimed at loopback, link-local (cloud
 * metadata at 169.254.169.254), private or otherwise internal addresses it would turn the gateway into a way in
 * (SSRF). So a URL whose host resolves to any such address is refused, unless the host is listed in
 * {@code tradeflow.gateway.webhook.allowed-internal-hosts} (a partner reached over a private link, or tests).
 * The check runs when a URL is registered and again before every push ({@link #pushAddress}), whose connection
 * then goes to the very address that was checked: a host whose DNS answer changes after registration (DNS
 * rebinding) is refused at push time instead of being reached.
 */
@ApplicationScoped
public class WebhookTargets {
    @Inject
    Vertx vertx;

    /** Host names or IP literals allowed although they resolve to internal addresses; none by default. */
    @ConfigProperty(name = "tradeflow.gateway.webhook.allowed-internal-hosts")
    Optional<List<String>> allowedInternalHosts;

    /** Completes when {@code url} may be pushed to; otherwise fails with a 400 naming {@code field}. */
    public Uni<Void> check(String field, String url) {
        return checked(field, url).replaceWithVoid();
    }

    /**
     * The address a push to {@code url} must connect to: its host resolved now and checked as at registration.
     * Fails with a {@link ProblemException} when the URL is no longer allowed.
     */
    public Uni<InetAddress> pushAddress(String url) {
        return checked("url", url);
    }

    private Uni<InetAddress> checked(String field, String url) {
        String host;
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw ProblemException.invalidField(field, "must be an http or https URL");
            }
            if (uri.getHost() == null || uri.getUserInfo() != null) {
                throw ProblemException.invalidField(field, "must name a host and carry no credentials");
            }
            host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                    : uri.getHost();
        } catch (URISyntaxException e) {
            throw ProblemException.invalidField(field, "is not a valid URL: " + e.getReason());
        }
        String lower = host.toLowerCase(Locale.ROOT);
        boolean allowed = allowedInternalHosts.orElse(List.of()).stream()
                .anyMatch(name -> name.trim().equalsIgnoreCase(lower));
        // Name resolution blocks: done on a worker, answered back on the caller's context.
        return vertx.executeBlocking(() -> resolve(field, host), false).map(addresses -> {
            for (InetAddress address : addresses) {
                if (!allowed && internal(address)) {
                    throw ProblemException.invalidField(field, "resolves to " + address.getHostAddress()
                            + ", a loopback, link-local, private or otherwise internal address, where webhooks may "
                            + "not point");
                }
            }
            return addresses[0];
        });
    }

    private static InetAddress[] resolve(String field, String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw ProblemException.invalidField(field, "names a host that cannot be resolved: " + host);
        }
    }

    /** Loopback, link-local, private (RFC 1918, IPv6 unique local), unspecified, multicast, "this network", CGNAT. */
    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first == 255 || (first == 100 && second >= 64 && second < 128);
        }
        boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
        boolean ipv4Compatible = true; // ::a.b.c.d and ::ffff:a.b.c.d carry an IPv4 address to judge
        for (int i = 0; i < 10; i++) {
            ipv4Compatible &= b[i] == 0;
        }
        if (ipv4Compatible && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
            try {
                return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException impossible) {
                return true;
            }
        }
        return uniqueLocal;
    }
}
