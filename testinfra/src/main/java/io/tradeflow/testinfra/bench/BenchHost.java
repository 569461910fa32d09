package io.tradeflow.testinfra.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** What every benchmark needs from the machine: its load (figures mean little without it) and the service jar. */
public final class BenchHost {

    /** The 1/5/15-minute load average, or "unknown" off Linux. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * The packaged service to measure: {@code -Dbench.jar}, else the module's build output seen from the
     * repository root or from the module itself.
     */
    public static Path serviceJar(String module) {
        String configured = System.getProperty("bench.jar");
        for (String candidate : new String[] {configured, module + "/target/quarkus-app/quarkus-run.jar",
                "target/quarkus-app/quarkus-run.jar"}) {
            if (candidate != null && Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate).toAbsolutePath();
            }
        }
        throw new IllegalStateException("no packaged " + module + ": run ./mvnw install -DskipTests "
                + "-Dexec.skip=true -pl " + module + " -am first (or pass -Dbench.jar=...)");
    }

    private BenchHost() {
    }
}
