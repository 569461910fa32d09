package io.tradeflow.testinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A test JVM killed with SIGKILL leaves its postgres behind. Each JVM keeps its data under
 * {@code target/testinfra/pg-<jvm pid>}; on start we stop the postmaster of every such folder whose JVM
 * is gone, so repeated runs never pile up servers or ports.
 */
final class StalePostgres {

    static void stopLeftovers(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("pg-")).toList()) {
                long owner = Long.parseLong(dir.getFileName().toString().substring(3));
                if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                postmasterPid(dir).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
                deleteRecursively(dir);
            }
        }
    }

    private static java.util.Optional<Long> postmasterPid(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return java.util.Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Long.parseLong(lines.get(0).trim()));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private StalePostgres() {
    }
}
