package io.tradeflow.devstack.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Answers "can the stack bind this port" and, when not, "who holds it" in words a person can act on. */
public final class PortCheck {

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(StackPorts.HOST, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(StackPorts.HOST, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws with one line per busy port, naming the holder as {@code ss -ltnp} reports it. */
    public static void requireFree(Collection<Integer> ports) {
        List<Integer> busy = ports.stream().filter(p -> !isFree(p)).toList();
        if (busy.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("ports needed by the stack are in use:");
        for (int port : busy) {
            message.append("\n  ").append(port).append(": ").append(holder(port));
        }
        message.append("\nstop whatever holds them (./tradeflow down stops a previous stack) and retry");
        throw new IllegalStateException(message.toString());
    }

    public static String holder(int port) {
        try {
            String listener = ss("-Hltnp", port);
            if (!listener.isEmpty()) {
                return listener;
            }
            // No listener: the port may be the local end of an open connection (it is in the ephemeral range).
            String connection = ss("-Htanp", port);
            return connection.isEmpty() ? "unknown holder (ss shows no socket; maybe another namespace)"
                    : "local end of a connection: " + connection.lines().findFirst().orElse("");
        } catch (IOException e) {
            return "unknown holder (ss not available)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown holder";
        }
    }

    private static String ss(String flags, int port) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", flags, "sport = :" + port).redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        ss.waitFor(5, TimeUnit.SECONDS);
        return out.replaceAll("[ \\t]+", " ");
    }

    private PortCheck() {
    }
}
