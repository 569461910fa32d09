package io.tradeflow.devstack.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service uses its archive only while it is newer than the packaged app, and only one written by a clean exit. */
class ClassDataArchiveTest {
    @TempDir
    Path root;

    @Test
    void aCleanExitTurnsTheRecordingIntoTheArchiveThatTheNextRunsUseUntilTheAppIsRebuilt() throws Exception {
        StackLayout layout = new StackLayout(root.resolve("data"), root);
        Path jar = appBuiltAMinuteAgo();

        ClassDataArchive first = ClassDataArchive.of(layout, "pricing-service", jar);
        assertTrue(first.recording());
        String option = first.jvmOptions().get(0);
        assertTrue(option.startsWith("-XX:ArchiveClassesAtExit="), option);
        Files.writeString(Path.of(option.substring(option.indexOf('=') + 1)), "archive");
        first.exited(143);

        ClassDataArchive second = ClassDataArchive.of(layout, "pricing-service", jar);
        assertFalse(second.recording());
        assertTrue(second.jvmOptions().get(0).startsWith("-XX:SharedArchiveFile="));

        // A rebuild makes the archive stale: record again; a run killed before it could write keeps nothing.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        ClassDataArchive rebuilt = ClassDataArchive.of(layout, "pricing-service", jar);
        assertTrue(rebuilt.recording());
        String recording = rebuilt.jvmOptions().get(0);
        Path half = Path.of(recording.substring(recording.indexOf('=') + 1));
        Files.writeString(half, "half");
        rebuilt.exited(137);
        assertFalse(Files.exists(half));
        assertTrue(ClassDataArchive.of(layout, "pricing-service", jar).recording());
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

    private Path appBuiltAMinuteAgo() throws Exception {
        Path jar = root.resolve("app/quarkus-run.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        return jar;
    }
}
