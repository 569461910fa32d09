package io.tradeflow.devstack.stack;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One service running as its own JVM from its packaged Quarkus app, with a pid file and a log file. */
public final class ServiceProcess {
    /** What a service's command line always contains; used to recognise leftovers by pid. */
    public static final String MARKER = "quarkus-run.jar";

    private final ServiceSpec spec;
    private final Process process;
    private final Path log;
    private final ClassDataArchive classData;

    private ServiceProcess(ServiceSpec spec, Process process, Path log, ClassDataArchive classData) {
        this.spec = spec;
        this.process = process;
        this.log = log;
        this.classData = classData;
    }

    public static ServiceProcess start(ServiceSpec spec, StackLayout layout, Map<String, String> env) throws IOException {
        Path jar = spec.runJar(layout.repoRoot());
        Path log = layout.serviceLog(spec.name());
        Files.writeString(log, "");
        ClassDataArchive classData = ClassDataArchive.of(layout, spec.name(), jar);
        List<String> command = new ArrayList<>(List.of(javaExecutable(),
                // Packaged Quarkus apps listen on 0.0.0.0 by default; the local stack stays on loopback.
                "-Dquarkus.http.host=" + StackPorts.HOST,
                "-Dquarkus.http.port=" + spec.port()));
        if (classData != null) {
            command.addAll(classData.jvmOptions());
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .redirectInput(Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        ProcessControl.writePid(layout.servicePidFile(spec.name()), process.pid());
        return new ServiceProcess(spec, process, log, classData);
    }

    /** The JVM running this launcher; services use the same one so a single JDK is all that is needed. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public ServiceSpec spec() {
        return spec;
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM lets Quarkus finish in-flight work and close its pools; SIGKILL after the grace period. */
    public void stop(Duration grace) {
        // Writing a class-data recording on the way out takes seconds more, longer still with four services
        // writing at once on 2 cores; cut short, it is lost and the next run records again.
        ProcessControl.stop(process.toHandle(), "TERM", classData != null && classData.recording()
                ? grace.plus(ClassDataArchive.WRITE_TIME) : grace);
        if (classData != null && !process.isAlive()) {
            // Before the launcher itself exits: the recording the JVM wrote on its way out becomes the archive.
            classData.exited(process.exitValue());
        }
    }

    /** The last lines of the service's log, to show why it failed without sending the user hunting. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }
}
