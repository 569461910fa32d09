package io.tradeflow.orders.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Stored JSON documents of one type, parsed once per distinct text and shared while orders are in flight (the same
 * text comes back from every transaction that reads the order until a step rewrites it). Only for immutable values.
 * Bounded: once full it starts afresh rather than track recency on every hit; a miss only costs the parse it saves.
 */
final class ParsedDocuments<T> {
    private static final int CAPACITY = 4096;

    private final Map<String, T> byText = new ConcurrentHashMap<>();

    T get(String json, Function<String, T> parse) {
        T known = byText.get(json);
        if (known != null) {
            return known;
        }
        T parsed = parse.apply(json);
        if (byText.size() >= CAPACITY) {
            byText.clear();
        }
        byText.put(json, parsed);
        return parsed;
    }
}
