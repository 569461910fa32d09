package io.tradeflow.devstack.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The development RSA key pair: generated once into the data folder, the public half handed to every
 * service (JWT_PUBLIC_KEY_LOCATION), the private half used only by {@link DevTokens}. Development only:
 * the key never leaves this machine and Kubernetes deployments bring their own.
 */
public final class DevKeys {
    private final Path privatePem;
    private final Path publicPem;

    private DevKeys(Path dir) {
        this.privatePem = dir.resolve("dev-jwt-private.pem");
        this.publicPem = dir.resolve("dev-jwt-public.pem");
    }

    /** Loads the pair from the folder, generating it on first use. */
    public static DevKeys in(Path dir) {
        DevKeys keys = new DevKeys(dir);
        if (!Files.exists(keys.privatePem) || !Files.exists(keys.publicPem)) {
            keys.generate();
        }
        return keys;
    }

    public Path publicKeyFile() {
        return publicPem;
    }

    public PrivateKey privateKey() {
        try {
            String pem = Files.readString(privatePem, StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + privatePem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA PKCS#8 key: " + privatePem, e);
        }
    }

    private void generate() {
        try {
            Files.createDirectories(privatePem.getParent());
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            write(publicPem, "PUBLIC KEY", pair.getPublic().getEncoded());
            write(privatePem, "PRIVATE KEY", pair.getPrivate().getEncoded());
            Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dev key pair under " + privatePem.getParent(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available in this JDK", e);
        }
    }

    private static void write(Path file, String label, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n",
                StandardCharsets.US_ASCII);
    }
}
