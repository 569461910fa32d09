package io.tradeflow.inventory.bench;

/**
 * The SKUs one side of the benchmark moves stock of, the same ones in every phase, as a warehouse has a catalogue:
 * fresh SKUs per phase made each phase's first seconds measure SKU creation (rows and first events for all of them
 * at once) instead of the steady state. Keeps each SKU's on-hand as the phases' one-unit receipts will leave it.
 */
final class Catalogue {
    final String prefix;
    final int skus;
    private final int[] onHand;

    Catalogue(String prefix, int skus) {
        this.prefix = prefix;
        this.skus = skus;
        this.onHand = new int[skus];
    }

    String sku(int index) {
        return String.format("%s-%05d", prefix, index);
    }

    /** The SKU's index, or -1 when it is not one of this catalogue's. */
    int index(String sku) {
        if (sku == null || !sku.startsWith(prefix + "-")) {
            return -1;
        }
        return Integer.parseInt(sku.substring(prefix.length() + 1));
    }

    /** Each SKU's on-hand before a phase of {@code records} receipts (record seq to SKU seq % skus), then after. */
    int[] take(int records) {
        int[] before = onHand.clone();
        for (int i = 0; i < skus; i++) {
            onHand[i] += records / skus + (i < records % skus ? 1 : 0);
        }
        return before;
    }
}
