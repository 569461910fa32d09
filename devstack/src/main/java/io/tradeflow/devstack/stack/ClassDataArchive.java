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
 * A service's class-data archive in the stack's data folder: an AOT cache (JEP 483/514/515) on JDK 25 and later, an
 * AppCDS archive (dynamic class-data sharing) on JDK 17-24. A service without a current archive records one while it
 * runs, written when it stops; later runs map the classes from it instead of loading, parsing and verifying them
 * again, and on JDK 25 also find them linked and their start-up profiles recorded. Four services starting together
 * on 2 cores were ready after 23-31 s without archives and 15.5-24.7 s with AppCDS. One pricing-service on its own
 * started in 3.4-3.8 s without an archive and 3.0-3.5 s with AppCDS on JDK 17, and in 3.9-4.1 s without and
 * 1.9-2.4 s with the AOT cache on JDK 25.
 * <p>
 * An archive is only used while it is newer than every file of the packaged app, and only for the JDK that wrote it
 * (the file name carries its version); a rebuild or another JDK records afresh, and a rebuild removes the archives
 * it made stale, for every JDK. A run that was killed (no clean exit)
 * leaves its half-written recording behind, never a bad archive. {@code TRADEFLOW_CLASS_DATA=off} turns it off.
 */
final class ClassDataArchive {
    /** How much longer a recording service may take to stop: writing ~90 MB took up to ~15 s with four at once. */
    static final Duration WRITE_TIME = Duration.ofSeconds(30);

    private final Path archive;
    private final Path recording;
    private final boolean record;
    /** JDK 25+: an AOT cache; before that the cache flags do not exist and AppCDS is what there is. */
    private final boolean aotCache;
    /** When the recording run started: the archive is dated so, so a rebuild during that run makes it stale. */
    private FileTime recordingSince;

    private ClassDataArchive(Path archive, boolean record, boolean aotCache) {
        this.archive = archive;
        this.recording = archive.resolveSibling(archive.getFileName() + ".recording");
        this.record = record;
        this.aotCache = aotCache;
    }

    /** Null when class-data sharing is off. Services run on the launcher's own JDK (ServiceProcess). */
    static ClassDataArchive of(StackLayout layout, String service, Path runJar) throws IOException {
        if ("off".equalsIgnoreCase(System.getenv("TRADEFLOW_CLASS_DATA"))) {
            return null;
        }
        return of(layout, service, runJar, Runtime.version(), System.getProperty("java.home"));
    }

    static ClassDataArchive of(StackLayout layout, String service, Path runJar, Runtime.Version jdk, String javaHome)
            throws IOException {
        boolean aotCache = jdk.feature() >= 25;
        // The version and the JDK's folder: two vendors' builds of one version cannot read each other's archives.
        Path archive = layout.classData().resolve(service + "-jdk" + jdk.toString().replaceAll("[^A-Za-z0-9.]", "_")
                + "-" + Integer.toHexString(javaHome.hashCode()) + (aotCache ? ".aot" : ".jsa"));
        Files.createDirectories(archive.getParent());
        FileTime built = newestFile(runJar.getParent());
        boolean current = Files.isRegularFile(archive) && Files.getLastModifiedTime(archive).compareTo(built) > 0;
        removeStale(archive, service, built);
        return new ClassDataArchive(archive, !current, aotCache);
    }

    /**
     * The service's archives that predate its build, those of other JDKs included: no JVM will use them again (a run
     * on that JDK would record afresh), and at 90-130 MB each they used to pile up under class-data/ with every JDK
     * the stack was ever started on. This JDK's own stays until its new recording replaces it.
     */
    private static void removeStale(Path keep, String service, FileTime built) throws IOException {
        try (Stream<Path> files = Files.list(keep.getParent())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!f.equals(keep) && name.startsWith(service + "-jdk")
                        && (name.endsWith(".aot") || name.endsWith(".jsa"))
                        && Files.getLastModifiedTime(f).compareTo(built) <= 0) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Whether this run records an archive (written at exit) rather than using one. */
    boolean recording() {
        return record;
    }

    /** The JVM options of this run: use the archive, or record one. */
    List<String> jvmOptions() throws IOException {
        if (!record) {
            return List.of((aotCache ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive);
        }
        Files.deleteIfExists(recording);
        recordingSince = FileTime.from(Instant.now());
        // AOTCacheOutput (JEP 514): the JVM trains while it runs and assembles the cache when it exits.
        return List.of((aotCache ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + recording);
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
