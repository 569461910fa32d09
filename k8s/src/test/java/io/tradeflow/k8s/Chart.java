package io.tradeflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Renders the chart with helm-java (native Helm, no cluster) and parses every document with the fabric8 model. */
final class Chart {

    static final String RELEASE = "tradeflow";
    static final String NAMESPACE = "tradeflow";
    /** helm template assumes Kubernetes 1.20 without a cluster; the chart needs 1.25+ (policy/v1, autoscaling/v2). */
    static final String KUBE_VERSION = "1.31.0";
    static final Path DIR = Path.of(System.getProperty("tradeflow.chart.dir", "tradeflow")).toAbsolutePath().normalize();
    static final Path PRODUCTION_VALUES = DIR.resolve("values-production.yaml");
    static final Path ASYNCAPI = Path.of(System.getProperty("tradeflow.asyncapi", "../docs/asyncapi.yaml"))
            .toAbsolutePath().normalize();

    /** The four services: values key, name, port. */
    record Svc(String key, String name, int port) {
    }

    static final List<Svc> SERVICES = List.of(
            new Svc("pricing", "pricing-service", 8081),
            new Svc("inventory", "inventory-service", 8082),
            new Svc("orchestrator", "order-orchestrator", 8083),
            new Svc("gateway", "partner-gateway", 8084));

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DOC_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private Chart() {
    }

    static String template(Path valuesFile, Map<String, Object> sets) {
        TemplateCommand cmd = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            cmd = cmd.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> e : sets.entrySet()) {
            cmd = cmd.set(e.getKey(), e.getValue());
        }
        return cmd.call();
    }

    /** The rendered YAML split into documents, empty and comment-only documents dropped. */
    static List<String> documents(String rendered) {
        List<String> docs = new ArrayList<>();
        for (String doc : DOC_SEPARATOR.split(rendered)) {
            boolean content = doc.lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("#"));
            if (content) {
                docs.add(doc);
            }
        }
        return docs;
    }

    static Rendered render(Path valuesFile, Map<String, Object> sets) {
        String yaml = template(valuesFile, sets);
        dump(valuesFile, sets, yaml);
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : documents(yaml)) {
            Object parsed = SERIALIZATION.unmarshal(doc);
            if (!(parsed instanceof HasMetadata hm)) {
                throw new AssertionError("not a Kubernetes object: " + parsed + "\n" + doc);
            }
            objects.add(hm);
        }
        return new Rendered(yaml, objects);
    }

    /** Keeps the last rendering of each values file under target/rendered/ for humans to read. */
    private static void dump(Path valuesFile, Map<String, Object> sets, String yaml) {
        String name = (valuesFile == null ? "values" : valuesFile.getFileName().toString().replace(".yaml", ""))
                + (sets.isEmpty() ? "" : "-" + Integer.toHexString(new java.util.TreeMap<>(sets).toString().hashCode()));
        try {
            Path dir = Path.of("target", "rendered");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Rendered defaults() {
        return render(null, Map.of());
    }

    static Rendered production() {
        return render(PRODUCTION_VALUES, Map.of());
    }

    static String fullName(Svc svc) {
        return RELEASE + "-" + svc.name();
    }

    record Rendered(String yaml, List<HasMetadata> objects) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<GenericKubernetesResource> generic(String kind) {
            return all(GenericKubernetesResource.class).stream().filter(g -> kind.equals(g.getKind())).toList();
        }

        <T extends HasMetadata> T one(Class<T> type, String name) {
            List<T> found = all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).toList();
            if (found.size() != 1) {
                throw new AssertionError("expected one " + type.getSimpleName() + " named " + name + ", found "
                        + found.size());
            }
            return found.get(0);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    static JsonNode asyncApi() {
        try {
            return YAML.readTree(Files.readString(ASYNCAPI));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
