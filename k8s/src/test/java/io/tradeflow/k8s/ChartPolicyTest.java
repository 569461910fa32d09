package io.tradeflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.tradeflow.k8s.Chart.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;

/** Operational policy of the rendered chart: health, resources, security, isolation and topics. */
class ChartPolicyTest {

    /** The only service-to-service REST flows of the product brief: caller -> callee. */
    private static final Set<String> BRIEF_FLOWS = Set.of(
            "order-orchestrator -> pricing-service",
            "order-orchestrator -> inventory-service");

    private static Chart.Rendered render(String values) {
        return switch (values) {
            case "default" -> Chart.defaults();
            // Every optional part on, so the extra pods are policed too.
            case "development" -> Chart.render(null, Map.of("jaeger.enabled", "true", "kafka.topics.create", "true",
                    "image.variant", "native"));
            case "production" -> Chart.production();
            default -> throw new IllegalArgumentException(values);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "development", "production"})
    void everyContainerHasProbesResourcesAndARestrictedSecurityContext(String values) {
        Chart.Rendered r = render(values);
        assertThat(r.all(Deployment.class)).isNotEmpty();
        for (Deployment d : r.all(Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            String where = "Deployment " + d.getMetadata().getName();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(where).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(where).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as(where).isFalse();
            assertThat(pod.getInitContainers()).as(where).isEmpty();
            Volume tmp = pod.getVolumes().stream().filter(v -> v.getName().equals("tmp")).findFirst().orElseThrow();
            assertThat(tmp.getEmptyDir()).as(where + " /tmp").isNotNull();
            for (Container c : pod.getContainers()) {
                String cw = where + " container " + c.getName();
                for (Probe p : List.of(nonNull(c.getStartupProbe(), cw + " startupProbe"),
                        nonNull(c.getLivenessProbe(), cw + " livenessProbe"),
                        nonNull(c.getReadinessProbe(), cw + " readinessProbe"))) {
                    assertThat(p.getHttpGet()).as(cw).isNotNull();
                }
                assertThat(c.getResources().getRequests()).as(cw + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(cw + " limits").containsKeys("cpu", "memory");
                var sc = c.getSecurityContext();
                assertThat(sc).as(cw + " securityContext").isNotNull();
                assertThat(Objects.requireNonNullElse(sc.getRunAsNonRoot(), pod.getSecurityContext().getRunAsNonRoot()))
                        .as(cw + " runAsNonRoot").isTrue();
                assertThat(sc.getReadOnlyRootFilesystem()).as(cw + " readOnlyRootFilesystem").isTrue();
                assertThat(sc.getAllowPrivilegeEscalation()).as(cw + " allowPrivilegeEscalation").isFalse();
                assertThat(sc.getPrivileged()).as(cw + " privileged").isNotEqualTo(Boolean.TRUE);
                assertThat(sc.getCapabilities().getDrop()).as(cw + " capabilities.drop").containsExactly("ALL");
                assertThat(sc.getCapabilities().getAdd()).as(cw + " capabilities.add").isEmpty();
                assertThat(sc.getSeccompProfile().getType()).as(cw).isEqualTo("RuntimeDefault");
                assertThat(c.getVolumeMounts()).as(cw).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "production"})
    void servicesProbeQuarkusHealthAndAreScaledAndBudgeted(String values) {
        Chart.Rendered r = render(values);
        for (Chart.Svc svc : SERVICES) {
            String name = Chart.fullName(svc);
            Deployment d = r.one(Deployment.class, name);
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(c.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getContainerPort()).isEqualTo(svc.port());
                assertThat(p.getName()).isEqualTo("http");
            });
            // Configuration the services read (docs/DEVELOPMENT.md): plain values from the ConfigMap, secrets by reference.
            assertThat(c.getEnvFrom()).singleElement()
                    .satisfies(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo(name));
            Map<String, String> config = r.one(ConfigMap.class, name).getData();
            assertThat(config).containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0")
                    .containsEntry("HTTP_PORT", String.valueOf(svc.port()))
                    .containsEntry("TRADEFLOW_LOG_JSON", "true")
                    .containsKeys("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SECURITY_PROTOCOL", "OTEL_EXPORTER_OTLP_ENDPOINT",
                            "JWT_ISSUER", "JWT_AUDIENCE");
            assertThat(config.keySet()).noneMatch(k -> k.contains("PASSWORD") || k.contains("TOKEN") || k.contains("JAAS"));
            Map<String, EnvVar> env = new HashMap<>();
            c.getEnv().forEach(e -> env.put(e.getName(), e));
            for (String secret : List.of("DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD")) {
                assertThat(env.get(secret)).as(name + " " + secret).isNotNull();
                assertThat(env.get(secret).getValueFrom().getSecretKeyRef().getName()).isNotBlank();
            }
            assertThat(c.getEnv()).noneMatch(e -> e.getValue() != null
                    && (e.getName().contains("PASSWORD") || e.getName().contains("TOKEN") || e.getName().contains("JAAS")));

            HorizontalPodAutoscaler hpa = r.one(HorizontalPodAutoscaler.class, name);
            assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
            assertThat(d.getSpec().getReplicas()).as("the HPA owns the replica count").isNull();
            PodDisruptionBudget pdb = r.one(PodDisruptionBudget.class, name);
            assertThat(pdb.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(d.getSpec().getSelector().getMatchLabels());
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
            Service service = r.one(Service.class, name);
            assertThat(service.getSpec().getSelector()).isEqualTo(d.getSpec().getSelector().getMatchLabels());

            var anti = d.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
            if (values.equals("production")) {
                assertThat(anti.getRequiredDuringSchedulingIgnoredDuringExecution()).singleElement()
                        .satisfies(t -> assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
                assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
            } else {
                assertThat(anti.getPreferredDuringSchedulingIgnoredDuringExecution()).singleElement()
                        .satisfies(t -> assertThat(t.getPodAffinityTerm().getTopologyKey())
                                .isEqualTo("kubernetes.io/hostname"));
            }
        }
        // The orchestrator finds pricing and inventory through their Services.
        Map<String, String> orchestrator = r.one(ConfigMap.class, "tradeflow-order-orchestrator").getData();
        assertThat(orchestrator).containsEntry("PRICING_URL", "http://tradeflow-pricing-service:8081")
                .containsEntry("INVENTORY_URL", "http://tradeflow-inventory-service:8082");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "production"})
    void networkPoliciesAllowExactlyTheBriefsServiceToServiceFlows(String values) {
        Chart.Rendered r = render(values);
        Map<String, Map<String, String>> podLabels = new TreeMap<>();
        for (Chart.Svc svc : SERVICES) {
            podLabels.put(svc.name(), r.one(Deployment.class, Chart.fullName(svc)).getSpec().getTemplate().getMetadata()
                    .getLabels());
        }
        Set<String> ingressFlows = new TreeSet<>();
        Set<String> egressFlows = new TreeSet<>();
        assertThat(r.all(NetworkPolicy.class)).hasSize(SERVICES.size());
        for (Chart.Svc svc : SERVICES) {
            NetworkPolicy np = r.one(NetworkPolicy.class, Chart.fullName(svc));
            String where = "NetworkPolicy " + np.getMetadata().getName();
            assertThat(np.getSpec().getPolicyTypes()).as(where).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(podLabels.get(svc.name())).as(where + " selects the service's pods")
                    .containsAllEntriesOf(np.getSpec().getPodSelector().getMatchLabels());
            for (Chart.Svc other : SERVICES) {
                if (other != svc) {
                    assertThat(matches(np.getSpec().getPodSelector().getMatchLabels(), podLabels.get(other.name())))
                            .as(where + " must not select " + other.name()).isFalse();
                }
            }
            for (NetworkPolicyIngressRule rule : np.getSpec().getIngress()) {
                assertThat(rule.getFrom()).as(where + ": an ingress rule without peers admits everyone").isNotEmpty();
                assertThat(rule.getPorts()).as(where + ": ingress only on the HTTP port").isNotEmpty()
                        .allSatisfy(p -> assertThat(p.getPort().getIntVal()).isEqualTo(svc.port()));
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertThat(peer.getIpBlock()).as(where + " ingress ipBlock").isNull();
                    podLabels.forEach((other, labels) -> {
                        if (sameNamespacePodPeer(peer) && matches(peer.getPodSelector().getMatchLabels(), labels)) {
                            ingressFlows.add(other + " -> " + svc.name());
                        }
                    });
                }
            }
            boolean dns = false;
            for (NetworkPolicyEgressRule rule : np.getSpec().getEgress()) {
                assertThat(rule.getTo()).as(where + ": an egress rule without peers reaches everything").isNotEmpty();
                assertThat(rule.getPorts()).as(where + ": egress rules name their ports").isNotEmpty();
                dns |= rule.getPorts().stream().anyMatch(p -> "UDP".equals(p.getProtocol()) && p.getPort().getIntVal() == 53);
                for (NetworkPolicyPeer peer : rule.getTo()) {
                    podLabels.forEach((other, labels) -> {
                        if (sameNamespacePodPeer(peer) && matches(peer.getPodSelector().getMatchLabels(), labels)) {
                            egressFlows.add(svc.name() + " -> " + other);
                            int port = SERVICES.stream().filter(s -> s.name().equals(other)).findFirst().orElseThrow().port();
                            assertThat(rule.getPorts()).allSatisfy(p -> assertThat(p.getPort().getIntVal()).isEqualTo(port));
                        }
                    });
                }
            }
            assertThat(dns).as(where + " allows DNS").isTrue();
            assertThat(egressPorts(np)).as(where + " reaches Kafka, PostgreSQL and the OTLP collector")
                    .contains(5432, 4317).containsAnyOf(9092, 9093);
        }
        assertThat(ingressFlows).as("service-to-service ingress").isEqualTo(BRIEF_FLOWS);
        assertThat(egressFlows).as("service-to-service egress").isEqualTo(BRIEF_FLOWS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "production"})
    void kafkaTopicsAreExactlyTheAsyncApiTopicsWithTheirDeadLetterTopics(String values) {
        Chart.Rendered r = render(values);
        Map<String, JsonNode> expected = new TreeMap<>();
        for (JsonNode channel : Chart.asyncApi().get("channels")) {
            expected.put(channel.get("address").asText(), channel.path("bindings").path("kafka"));
        }
        assertThat(expected).as("docs/asyncapi.yaml channels").isNotEmpty();
        assertThat(expected.keySet()).allSatisfy(t -> {
            if (!t.endsWith(".dlq")) {
                assertThat(expected).as("dead-letter topic of " + t).containsKey(t + ".dlq");
            }
        });

        Map<String, GenericKubernetesResource> topics = new TreeMap<>();
        for (GenericKubernetesResource t : r.generic("KafkaTopic")) {
            assertThat(topics.put(spec(t).get("topicName").toString(), t)).as("duplicate topic").isNull();
        }
        assertThat(topics.keySet()).isEqualTo(expected.keySet());

        expected.forEach((name, binding) -> {
            Map<?, ?> spec = spec(topics.get(name));
            Map<?, ?> config = (Map<?, ?>) spec.get("config");
            if (binding.has("partitions")) {
                assertThat(((Number) spec.get("partitions")).intValue()).as(name + " partitions")
                        .isEqualTo(binding.get("partitions").asInt());
            }
            JsonNode topicConfig = binding.path("topicConfiguration");
            if (topicConfig.has("cleanup.policy")) {
                List<String> policies = asStrings(topicConfig.get("cleanup.policy"));
                assertThat(String.valueOf(config.get("cleanup.policy"))).as(name + " cleanup.policy")
                        .isEqualTo(String.join(",", policies));
            }
            for (String key : List.of("retention.ms", "delete.retention.ms")) {
                if (topicConfig.has(key)) {
                    assertThat(new BigDecimal(String.valueOf(config.get(key))))
                            .as(name + " " + key).isEqualByComparingTo(new BigDecimal(topicConfig.get(key).asText()));
                }
            }
        });
        assertThat(spec(topics.get("inventory.availability")).get("config"))
                .satisfies(c -> assertThat(Chart.map(c)).containsEntry("cleanup.policy", "compact"));
        assertThat(topics.values()).allSatisfy(t -> assertThat(t.getMetadata().getAnnotations())
                .containsEntry("helm.sh/resource-policy", "keep"));
    }

    private static List<String> asStrings(JsonNode node) {
        if (node.isArray()) {
            return java.util.stream.StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList();
        }
        return List.of(node.asText());
    }

    private static Map<?, ?> spec(GenericKubernetesResource r) {
        return (Map<?, ?>) r.getAdditionalProperties().get("spec");
    }

    private static Set<Integer> egressPorts(NetworkPolicy np) {
        Set<Integer> ports = new TreeSet<>();
        np.getSpec().getEgress().forEach(rule -> rule.getPorts().forEach(p -> ports.add(p.getPort().getIntVal())));
        return ports;
    }

    /** A peer that selects pods of the policy's own namespace (no namespaceSelector, no ipBlock). */
    private static boolean sameNamespacePodPeer(NetworkPolicyPeer peer) {
        return peer.getPodSelector() != null && peer.getNamespaceSelector() == null && peer.getIpBlock() == null;
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && labels.entrySet().containsAll(selector.entrySet());
    }

    private static Probe nonNull(Probe probe, String what) {
        assertThat(probe).as(what).isNotNull();
        return probe;
    }
}
