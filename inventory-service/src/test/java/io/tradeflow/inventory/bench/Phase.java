package io.tradeflow.inventory.bench;

import io.tradeflow.testinfra.bench.Latencies;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One measured batch of movements: record {@code seq} is movement number {@code seq / skus} of SKU
 * {@code seq % skus}, so a SKU's on-hand figure alone tells which of its movements have been applied,
 * even when the service coalesces several movements into one availability event.
 */
final class Phase {
    final String prefix;
    final int records;
    final int skus;
    final Latencies latencies = new Latencies();
    private final AtomicLongArray intended;
    private final boolean[] done;
    private final int[] appliedPerSku;
    private volatile int completed;
    private volatile long firstSend;
    private volatile long lastCompletion;
    private volatile int unreadable;
    private volatile String firstUnreadable;
    /** The worst latency of the records due in each second of the phase: shows whether a tail is one stall or many. */
    private long[] worstBySecond = new long[16];

    Phase(String prefix, int records, int skus) {
        this.prefix = prefix;
        this.records = records;
        this.skus = skus;
        this.intended = new AtomicLongArray(records);
        this.done = new boolean[records];
        this.appliedPerSku = new int[skus];
    }

    String sku(int seq) {
        return String.format("%s-%05d", prefix, seq % skus);
    }

    String movementId(int seq) {
        return prefix + "-m" + seq;
    }

    void sent(int seq, long intendedNanos) {
        if (seq == 0) {
            firstSend = intendedNanos;
        }
        intended.set(seq, intendedNanos);
    }

    /** Called by the single output-reading thread. */
    void complete(int seq, long now) {
        if (seq < 0 || seq >= records || done[seq]) {
            return;
        }
        done[seq] = true;
        long latency = now - intended.get(seq);
        latencies.add(latency);
        int second = (int) Math.max(0, (intended.get(seq) - firstSend) / 1_000_000_000L);
        if (second >= worstBySecond.length) {
            worstBySecond = java.util.Arrays.copyOf(worstBySecond, Math.max(second + 1, worstBySecond.length * 2));
        }
        worstBySecond[second] = Math.max(worstBySecond[second], latency);
        lastCompletion = now;
        completed++;
    }

    /** The SKU now shows {@code applied} movements: every one of them up to that count is complete. */
    void completeThrough(String sku, int applied, long now) {
        if (!sku.startsWith(prefix + "-")) {
            return;
        }
        int index = Integer.parseInt(sku.substring(prefix.length() + 1));
        for (int k = appliedPerSku[index]; k < applied; k++) {
            complete(k * skus + index, now);
        }
        appliedPerSku[index] = Math.max(appliedPerSku[index], applied);
    }

    /** Milliseconds, one figure per second of sending, e.g. "12 15 230 40". */
    String worstBySecond() {
        StringBuilder text = new StringBuilder();
        long seconds = (lastCompletion - firstSend) / 1_000_000_000L + 1;
        for (int i = 0; i < Math.min(seconds, worstBySecond.length); i++) {
            text.append(i == 0 ? "" : " ").append(worstBySecond[i] / 1_000_000);
        }
        return text.toString();
    }

    void unreadable(RuntimeException e) {
        if (unreadable++ == 0) {
            firstUnreadable = e.toString();
        }
    }

    /** Outputs that could not be read, and why the first one failed; empty when all were readable. */
    String unreadableSummary() {
        return unreadable == 0 ? "" : " [" + unreadable + " unreadable outputs, first: " + firstUnreadable + "]";
    }

    int completed() {
        return completed;
    }

    /** Records per second from the first send to the last completion. */
    double throughput() {
        long elapsed = lastCompletion - firstSend;
        return elapsed <= 0 ? 0 : completed * 1e9 / elapsed;
    }
}
