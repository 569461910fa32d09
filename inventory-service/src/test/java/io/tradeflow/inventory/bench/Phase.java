package io.tradeflow.inventory.bench;

import io.tradeflow.testinfra.bench.Latencies;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One measured batch of movements over a side's SKU catalogue: record {@code seq} is movement number
 * {@code seq / skus} of SKU {@code seq % skus} in this phase, so a SKU's on-hand figure alone, less what it showed
 * before the phase, tells which of its movements have been applied, even when the service coalesces several
 * movements into one availability event.
 */
final class Phase {
    /** Unique per phase: the movement ids start with it, so no phase's movement repeats another's. */
    final String prefix;
    final int records;
    final Catalogue catalogue;
    /** Each SKU's on-hand before this phase. */
    private final int[] before;
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

    Phase(String prefix, int records, Catalogue catalogue) {
        this.prefix = prefix;
        this.records = records;
        this.catalogue = catalogue;
        this.before = catalogue.take(records);
        this.intended = new AtomicLongArray(records);
        this.done = new boolean[records];
        this.appliedPerSku = new int[catalogue.skus];
    }

    String sku(int seq) {
        return catalogue.sku(seq % catalogue.skus);
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

    /** The SKU now shows {@code onHand}: every one of this phase's movements up to that count is complete. */
    void completeThrough(String sku, int onHand, long now) {
        int index = catalogue.index(sku);
        if (index < 0) {
            return;
        }
        int applied = onHand - before[index];
        for (int k = appliedPerSku[index]; k < applied; k++) {
            complete(k * catalogue.skus + index, now);
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
