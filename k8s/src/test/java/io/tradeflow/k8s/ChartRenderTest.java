package io.tradeflow.k8s;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tradeflow.k8s.Chart.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chart lints strictly and renders, with default and production values, into valid Kubernetes objects. */
class ChartRenderTest {

    /** Kinds the fabric8 model must recognise as typed classes (a GenericKubernetesResource means a typo in apiVersion/kind). */
    private static final Set<String> CORE_KINDS = Set.of("Deployment", "Service", "ConfigMap", "Secret",
            "ServiceAccount", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy");
    /** Custom resources, parsed as GenericKubernetesResource. */
    private static final Set<String> CUSTOM_KINDS = Set.of("ServiceMonitor", "KafkaTopic");

    @Test
    void lintsStrictly() {
        LintResult result = new Helm(Chart.DIR).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void defaultValuesRenderOneOfEachPerService() {
        Chart.Rendered r = Chart.defaults();
        assertValid(r);
        assertThat(r.all(Deployment.class)).hasSize(4);
        assertThat(r.all(Service.class)).hasSize(4);
        assertThat(r.all(ConfigMap.class)).hasSize(4);
        assertThat(r.all(HorizontalPodAutoscaler.class)).hasSize(4);
        assertThat(r.all(PodDisruptionBudget.class)).hasSize(4);
        assertThat(r.all(NetworkPolicy.class)).hasSize(4);
        assertThat(r.all(ServiceAccount.class)).hasSize(1);
        for (Chart.Svc svc : SERVICES) {
            String name = Chart.fullName(svc);
            r.one(Deployment.class, name);
            assertThat(r.one(Service.class, name).getSpec().getPorts()).singleElement()
                    .satisfies(p -> assertThat(p.getPort()).isEqualTo(svc.port()));
            r.one(HorizontalPodAutoscaler.class, name);
            r.one(PodDisruptionBudget.class, name);
            r.one(NetworkPolicy.class, name);
        }
        // Optional parts stay off by default; no Prometheus operator CRD visible to "helm template".
        assertThat(r.generic("ServiceMonitor")).isEmpty();
        assertThat(r.generic("KafkaTopic")).isEmpty();
        assertThat(r.all(Deployment.class)).noneMatch(d -> d.getMetadata().getName().contains("jaeger"));
        assertThat(r.all(Secret.class)).isEmpty();
    }

    @Test
    void productionValuesRender() {
        Chart.Rendered r = Chart.production();
        assertValid(r);
        assertThat(r.all(Deployment.class)).hasSize(4);
        assertThat(r.generic("KafkaTopic")).hasSize(28);
        assertThat(r.generic("KafkaTopic")).allSatisfy(t -> {
            assertThat(t.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(t.getMetadata().getNamespace()).isEqualTo("kafka");
            assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "tradeflow");
        });
        for (Deployment d : r.all(Deployment.class)) {
            assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":0.1.0-native");
        }
    }

    @Test
    void serviceMonitorsRenderWhenTheCrdIsPresent() {
        Chart.Rendered r = Chart.render(null, Map.of("metrics.serviceMonitor.assumeCrdPresent", "true"));
        assertValid(r);
        assertThat(r.generic("ServiceMonitor")).hasSize(4).allSatisfy(sm -> {
            assertThat(sm.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
            Map<?, ?> spec = (Map<?, ?>) sm.getAdditionalProperties().get("spec");
            assertThat((List<?>) spec.get("endpoints")).singleElement().satisfies(e -> assertThat(Chart.map(e))
                    .containsEntry("path", "/q/metrics").containsEntry("port", "http"));
        });
        // The values toggle wins over the CRD.
        Chart.Rendered off = Chart.render(null, Map.of("metrics.serviceMonitor.assumeCrdPresent", "true",
                "metrics.serviceMonitor.enabled", "false"));
        assertThat(off.generic("ServiceMonitor")).isEmpty();
    }

    @Test
    void developmentExtrasRender() {
        Chart.Rendered r = Chart.render(null, Map.of("jaeger.enabled", "true", "serviceToken.value", "dev-token",
                "jwt.publicKey.pem", "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----",
                "kafka.topics.create", "true"));
        assertValid(r);
        Deployment jaeger = r.one(Deployment.class, "tradeflow-jaeger");
        assertThat(jaeger.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .startsWith("jaegertracing/all-in-one:");
        assertThat(r.one(Service.class, "tradeflow-jaeger").getSpec().getPorts())
                .anySatisfy(p -> assertThat(p.getPort()).isEqualTo(4317));
        assertThat(r.one(ConfigMap.class, Chart.fullName(SERVICES.get(0))).getData())
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://tradeflow-jaeger:4317")
                .containsEntry("JWT_PUBLIC_KEY_LOCATION", "file:/etc/tradeflow/jwt/publicKey.pem");
        assertThat(r.one(Secret.class, "tradeflow-service-token").getData()).containsKey("token");
        assertThat(r.one(ConfigMap.class, "tradeflow-jwt").getData()).containsKey("publicKey.pem");
        assertThat(r.generic("KafkaTopic")).hasSize(28)
                .allSatisfy(t -> assertThat(t.getMetadata().getNamespace()).isNull());
    }

    @Test
    void misconfigurationFailsTheRender() {
        assertThatThrownBy(() -> Chart.template(null, Map.of("image.variant", "graal")))
                .hasMessageContaining("jvm or native");
        assertThatThrownBy(() -> Chart.template(null, Map.of("kafka.security.protocol", "SASL_SSL")))
                .hasMessageContaining("kafka.security.sasl.existingSecret");
        assertThatThrownBy(() -> Chart.template(null, Map.of("jwt.jwksUrl", "https://idp/certs",
                "jwt.publicKey.existingSecret", "jwt"))).hasMessageContaining("only one of");
        assertThatThrownBy(() -> Chart.template(null, Map.of("services.pricing.database.existingSecret", "")))
                .hasMessageContaining("database.existingSecret");
    }

    /** Every object has apiVersion, kind and a DNS-compatible name, and the typed model knows every field. */
    static void assertValid(Chart.Rendered r) {
        assertThat(r.objects()).isNotEmpty();
        for (HasMetadata o : r.objects()) {
            assertThat(o.getApiVersion()).as("apiVersion of %s", o).isNotBlank();
            assertThat(o.getKind()).as("kind of %s", o).isNotBlank();
            assertThat(o.getMetadata().getName()).as("name of a %s", o.getKind())
                    .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?").hasSizeLessThanOrEqualTo(253);
            assertThat(CORE_KINDS.contains(o.getKind()) || CUSTOM_KINDS.contains(o.getKind()))
                    .as("unexpected kind %s", o.getKind()).isTrue();
            if (CORE_KINDS.contains(o.getKind())) {
                assertThat(o).as("%s/%s parsed by the typed model", o.getKind(), o.getMetadata().getName())
                        .isNotInstanceOf(GenericKubernetesResource.class);
                List<String> unknown = new ArrayList<>();
                unknownFields(o, o.getKind() + "/" + o.getMetadata().getName(), unknown, new IdentityHashMap<>());
                assertThat(unknown).as("fields the Kubernetes schema does not know").isEmpty();
            } else {
                assertThat(o).isInstanceOf(GenericKubernetesResource.class);
            }
            // Round trip: the object serialises back to an equal object.
            assertThat(Chart.SERIALIZATION.<KubernetesResource>unmarshal(Chart.SERIALIZATION.asYaml(o))).isEqualTo(o);
        }
    }

    /** Walks the typed model and reports every non-empty additionalProperties (a field the schema does not have). */
    private static void unknownFields(Object node, String path, List<String> out, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), out, seen);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : node.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + m.getName().substring(3), out, seen);
            }
        }
    }
}
