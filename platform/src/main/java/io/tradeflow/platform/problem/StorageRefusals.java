package io.tradeflow.platform.problem;

import java.sql.SQLException;

import io.vertx.pgclient.PgException;

/**
 * Recognises PostgreSQL's refusals of a value as data (SQLSTATE class 22), however they are wrapped: the reactive
 * client's {@link PgException}, or the {@link SQLException} Hibernate Reactive turns it into.
 */
final class StorageRefusals {

    /** @param message PostgreSQL's own words, safe to show: they name a type or an encoding, never stored data */
    record Refusal(String sqlState, String message) {
        String reason() {
            return switch (sqlState) {
                case "22001" -> "a text value is longer than the field allows";
                case "22003" -> "a number is out of the range the field allows";
                case "22021", "22P05" -> "a text value contains a character that cannot be stored (such as U+0000)";
                default -> "a value cannot be stored: " + message;
            };
        }
    }

    /** The class-22 refusal behind {@code failure}, or null when it is something else. */
    static Refusal of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && dataClass(pg.getSqlState())) {
                return new Refusal(pg.getSqlState(), pg.getErrorMessage());
            }
            if (t instanceof SQLException sql && dataClass(sql.getSQLState())) {
                return new Refusal(sql.getSQLState(), sql.getMessage());
            }
        }
        return null;
    }

    private static boolean dataClass(String sqlState) {
        return sqlState != null && sqlState.startsWith("22");
    }

    private StorageRefusals() {
    }
}
