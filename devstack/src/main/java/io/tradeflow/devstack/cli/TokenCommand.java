package io.tradeflow.devstack.cli;

import java.util.Set;

import io.tradeflow.devstack.stack.DevKeys;
import io.tradeflow.devstack.stack.DevTokens;
import io.tradeflow.devstack.stack.StackLayout;

/**
 * {@code ./tradeflow token --role R [--subject S]}: prints only the token on stdout, so that
 * {@code TOKEN=$(./tradeflow token --role storefront)} works.
 */
public final class TokenCommand {
    static final Set<String> KNOWN_ROLES = Set.of("storefront", "crm", "operations", "partner-admin", "service");

    public static int run(String[] args) {
        String role = null;
        String subject = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--role" -> role = require(value, "--role");
                case "--subject" -> subject = require(value, "--subject");
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: token --role <role> [--subject <name>]");
            }
            i++;
        }
        if (role == null) {
            throw new IllegalArgumentException("--role is required, one of " + KNOWN_ROLES);
        }
        if (!KNOWN_ROLES.contains(role)) {
            System.err.println("note: " + role + " is not one of the roles the services know " + KNOWN_ROLES);
        }
        StackLayout layout = StackLayout.fromEnvironment().ensureCreated();
        DevTokens tokens = new DevTokens(DevKeys.in(layout.keys()));
        System.out.println(tokens.mint(subject != null ? subject : "dev-" + role, role, DevTokens.USER_TOKEN_LIFETIME));
        return 0;
    }

    private static String require(String value, String option) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private TokenCommand() {
    }
}
