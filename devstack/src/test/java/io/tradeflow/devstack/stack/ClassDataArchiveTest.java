package io.tradeflow.devstack.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service uses its archive only while it is newer than the packaged app, only one written by a clean exit, and only
 * the kind its JDK can read (AOT cache on 25+, AppCDS before).
 */
class ClassDataArchiveTest {
    @TempDir
    Path root;

    @Test
    void aCleanExitTurnsTheRecordingIntoTheArchiveThatTheNextRunsUseUntilTheAppIsRebuilt() throws Exception {
        StackLayout layout = new StackLayout(root.resolve("data"), root);
        Path jar = appBuiltAMinuteAgo();

        Runtime.Version jdk17 = Runtime.Version.parse("17.0.15+6");
        ClassDataArchive first = ClassDataArchive.of(layout, "pricing-service", jar, jdk17, "/opt/jdk-17");
        assertTrue(first.recording());
        String option = first.jvmOptions().get(0);
        assertTrue(option.startsWith("-XX:ArchiveClassesAtExit="), option);
        Files.writeString(Path.of(option.substring(option.indexOf('=') + 1)), "archive");
        first.exited(143);

        ClassDataArchive second = ClassDataArchive.of(layout, "pricing-service", jar, jdk17, "/opt/jdk-17");
        assertFalse(second.recording());
        assertTrue(second.jvmOptions().get(0).startsWith("-XX:SharedArchiveFile="));

        // A rebuild makes the archive stale: record again; a run killed before it could write keeps nothing.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        ClassDataArchive rebuilt = ClassDataArchive.of(layout, "pricing-service", jar, jdk17, "/opt/jdk-17");
        assertTrue(rebuilt.recording());
        String recording = rebuilt.jvmOptions().get(0);
        Path half = Path.of(recording.substring(recording.indexOf('=') + 1));
        Files.writeString(half, "half");
        rebuilt.exited(137);
        assertFalse(Files.exists(half));
        assertTrue(ClassDataArchive.of(layout, "pricing-service", jar, jdk17, "/opt/jdk-17").recording());
    }

    @Test
    void onJdk25TheServiceTrainsAnAotCacheAndLaterRunsStartFromIt() throws Exception {
        StackLayout layout = new StackLayout(root.resolve("data"), root);
        Path jar = appBuiltAMinuteAgo();
        Runtime.Version jdk25 = Runtime.Version.parse("25.0.1+8");

        ClassDataArchive first = ClassDataArchive.of(layout, "order-orchestrator", jar, jdk25, "/opt/jdk-25");
        String option = first.jvmOptions().get(0);
        assertTrue(option.startsWith("-XX:AOTCacheOutput="), option);
        Files.writeString(Path.of(option.substring(option.indexOf('=') + 1)), "cache");
        first.exited(143);

        String next = ClassDataArchive.of(layout, "order-orchestrator", jar, jdk25, "/opt/jdk-25").jvmOptions().get(0);
        assertTrue(next.startsWith("-XX:AOTCache=") && next.endsWith(".aot"), next);
        // The JDK 17 run beside it keeps its own AppCDS archive: neither JDK can read the other's.
        ClassDataArchive jdk17 = ClassDataArchive.of(layout, "order-orchestrator", jar,
                Runtime.Version.parse("17.0.15+6"), "/opt/jdk-17");
        assertTrue(jdk17.recording());
        assertTrue(jdk17.jvmOptions().get(0).startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void anAppRebuiltWhileItsRecordingRunWasUpIsRecordedAgainNotGivenTheStaleArchive() throws Exception {
        StackLayout layout = new StackLayout(root.resolve("data"), root);
        Path jar = appBuiltAMinuteAgo();
        ClassDataArchive run = ClassDataArchive.of(layout, "inventory-service", jar);
        String option = run.jvmOptions().get(0);

        // ./mvnw install while the stack is up; the recording is written only when the service stops, after it.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        Files.writeString(Path.of(option.substring(option.indexOf('=') + 1)), "archive of the old build");
        run.exited(130);

        assertTrue(ClassDataArchive.of(layout, "inventory-service", jar).recording());
    }

    @Test
    void aRebuildRemovesTheArchivesItMadeStaleForEveryJdkAndKeepsCurrentOnesOfOtherJdks() throws Exception {
        StackLayout layout = new StackLayout(root.resolve("data"), root);
        Path jar = appBuiltAMinuteAgo();
        Path jdk21 = archiveWritten(layout, "partner-gateway", jar, "21.0.7+6", "/opt/jdk-21");
        Path jdk25 = archiveWritten(layout, "partner-gateway", jar, "25.0.1+8", "/opt/jdk-25");
        Path otherService = archiveWritten(layout, "pricing-service", jar, "21.0.7+6", "/opt/jdk-21");

        // Started on JDK 17 before any rebuild: the other JDKs' archives are still current and stay.
        ClassDataArchive.of(layout, "partner-gateway", jar, Runtime.Version.parse("17.0.15+6"), "/opt/jdk-17");
        assertTrue(Files.exists(jdk21) && Files.exists(jdk25));

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        ClassDataArchive.of(layout, "partner-gateway", jar, Runtime.Version.parse("17.0.15+6"), "/opt/jdk-17");
        assertFalse(Files.exists(jdk21), "stale archive of JDK 21 removed");
        assertFalse(Files.exists(jdk25), "stale AOT cache of JDK 25 removed");
        assertTrue(Files.exists(otherService), "another service's archive is its own to judge");
    }

    private static Path archiveWritten(StackLayout layout, String service, Path jar, String version, String home)
            throws Exception {
        ClassDataArchive run = ClassDataArchive.of(layout, service, jar, Runtime.Version.parse(version), home);
        String option = run.jvmOptions().get(0);
        Files.writeString(Path.of(option.substring(option.indexOf('=') + 1)), "archive");
        run.exited(143);
        String used = ClassDataArchive.of(layout, service, jar, Runtime.Version.parse(version), home).jvmOptions().get(0);
        Path archive = Path.of(used.substring(used.indexOf('=') + 1));
        assertTrue(Files.isRegularFile(archive), used);
        return archive;
    }

    private Path appBuiltAMinuteAgo() throws Exception {
        Path jar = root.resolve("app/quarkus-run.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        return jar;
    }
}
