package io.tradeflow.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.tradeflow.k8s.Chart.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;

/** The example Kafka and PostgreSQL manifests of README.md parse and fit the chart's default values. */
class ExamplesTest {

    private static final Path EXAMPLES = Chart.DIR.resolveSibling("examples");

    private static List<GenericKubernetesResource> load(String file) throws IOException {
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (String doc : Chart.documents(Files.readString(EXAMPLES.resolve(file)))) {
            out.add(Chart.SERIALIZATION.unmarshal(doc, GenericKubernetesResource.class));
        }
        return out;
    }

    @Test
    void cloudNativePgClustersMatchTheDatabaseSecretsAndPolicies() throws IOException {
        List<GenericKubernetesResource> clusters = load("cnpg-databases.yaml");
        assertThat(clusters).hasSize(4).allSatisfy(c -> {
            assertThat(c.getApiVersion()).isEqualTo("postgresql.cnpg.io/v1");
            assertThat(c.getKind()).isEqualTo("Cluster");
        });
        Chart.Rendered r = Chart.defaults();
        for (Chart.Svc svc : SERVICES) {
            Deployment d = r.one(Deployment.class, Chart.fullName(svc));
            String secret = d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("DB_PASSWORD")).findFirst().orElseThrow()
                    .getValueFrom().getSecretKeyRef().getName();
            // CloudNativePG names the application Secret "<cluster>-app".
            assertThat(clusters).as(svc.name() + " reads " + secret)
                    .anySatisfy(c -> assertThat(c.getMetadata().getName() + "-app").isEqualTo(secret));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void strimziClusterMatchesTheTopicAndPolicyDefaults() throws IOException {
        List<GenericKubernetesResource> kafka = load("strimzi-kafka.yaml");
        assertThat(kafka).extracting(GenericKubernetesResource::getKind)
                .containsExactlyInAnyOrder("KafkaNodePool", "Kafka", "KafkaUser");
        GenericKubernetesResource cluster = kafka.stream().filter(k -> k.getKind().equals("Kafka")).findFirst()
                .orElseThrow();
        Map<String, Object> values = Chart.map(Chart.YAML.readValue(Chart.DIR.resolve("values.yaml").toFile(), Map.class));
        Map<String, Object> topics = Chart.map(Chart.map(values.get("kafka")).get("topics"));
        assertThat(cluster.getMetadata().getName()).isEqualTo(topics.get("clusterName"));
        assertThat(kafka).filteredOn(k -> !k.getKind().equals("Kafka"))
                .allSatisfy(k -> assertThat(k.getMetadata().getLabels()).containsEntry("strimzi.io/cluster",
                        cluster.getMetadata().getName()));
        // Listener ports are the ones the NetworkPolicies open.
        List<?> listeners = (List<?>) Chart.map(Chart.map(cluster.getAdditionalProperties().get("spec")).get("kafka"))
                .get("listeners");
        List<Object> allowed = (List<Object>) (List<?>) Chart.map(Chart.map(values.get("kafka")).get("networkPolicy")).get("ports");
        assertThat(listeners).map(l -> Chart.map(l).get("port")).allSatisfy(p -> assertThat(allowed).contains(p));
        assertThat(Objects.requireNonNull(cluster.getMetadata().getNamespace())).isEqualTo("kafka");
    }
}
