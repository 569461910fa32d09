package io.tradeflow.devstack.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A service's AppCDS archive (dynamic class-data sharing, JDK 17+) in the stack's data folder. A service without a
 * current archive records one while it runs, written when it stops; later runs map the classes from it instead of
 * loading, parsing and verifying them again. Four services starting together on 2 cores were ready after 23-31 s
 * without archives and 15.5-24.7 s with them.
 * <p>
 * An archive is only used while it is newer than every file of the packaged app, and only for the JDK that wrote it
 * (the file name carries its version); a rebuild or another JDK records afresh. A run that was killed (no clean exit)
 * leaves its half-written recording behind, never a bad archive. {@code TRADEFLOW_CLASS_DATA=off} turns it off.
 */
final class ClassDataArchive {
    /** How much longer a recording service may take to stop: writing ~90 MB took up to ~15 s with four at once. */
    static final Duration WRITE_TIME = Duration.ofSeconds(30);

    private final Path archive;
    private final Path recording;
    private final boolean record;
    /** When the recording run started: the archive is dated so, so a rebuild during that run makes it stale. */
    private FileTime recordingSince;

    private ClassDataArchive(Path archive, boolean record) {
        this.archive = archive;
        this.recording = archive.resolveSibling(archive.getFileName() + ".recording");
        this.record = record;
    }

    /** Null when class-data sharing is off. */
    static ClassDataArchive of(StackLayout layout, String service, Path runJar) throws IOException {
        if ("off".equalsIgnoreCase(System.getenv("TRADEFLOW_CLASS_DATA"))) {
            return null;
        }
        // The version and the JDK's folder: two vendors' builds of one version cannot read each other's archives.
        Path archive = layout.classData().resolve(service + "-jdk" + Runtime.version().toString()
                .replaceAll("[^A-Za-z0-9.]", "_") + "-" + Integer.toHexString(System.getProperty("java.home")
                .hashCode()) + ".jsa");
        Files.createDirectories(archive.getParent());
        boolean current = Files.isRegularFile(archive)
                && Files.getLastModifiedTime(archive).compareTo(newestFile(runJar.getParent())) > 0;
        return new ClassDataArchive(archive, !current);
    }

    /** Whether this run records an archive (written at exit) rather than using one. */
    boolean recording() {
        return record;
    }

    /** The JVM options of this run: use the archive, or record one. */
    List<String> jvmOptions() throws IOException {
        if (!record) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        Files.deleteIfExists(recording);
        recordingSince = FileTime.from(Instant.now());
        return List.of("-XX:ArchiveClassesAtExit=" + recording);
    }

    /**
     * After the service exited: a recording from a clean exit (0, or 143/130 after SIGTERM/SIGINT, as `down` and
     * Ctrl-C stop it) becomes the archive, dated when its run started.
     */
    void exited(int exitValue) {
        if (!record) {
            return;
        }
        try {
            if ((exitValue == 0 || exitValue == 143 || exitValue == 130) && Files.isRegularFile(recording)
                    && Files.size(recording) > 0) {
                Files.move(recording, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                if (recordingSince != null) {
                    Files.setLastModifiedTime(archive, recordingSince);
                }
            } else {
                Files.deleteIfExists(recording);
            }
        } catch (IOException e) {
            // Without an archive the next run simply records again.
        }
    }

    private static FileTime newestFile(Path app) throws IOException {
        try (Stream<Path> files = Files.walk(app)) {
            return files.filter(Files::isRegularFile).map(f -> {
                try {
                    return Files.getLastModifiedTime(f);
                } catch (IOException e) {
                    return FileTime.fromMillis(Long.MAX_VALUE);
                }
            }).max(FileTime::compareTo).orElse(FileTime.fromMillis(0));
        }
    }
}
