package org.sharercloud.members.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Member credentials {@code m.<memberId>.<secret>} and join tokens: random secrets and their
 * SHA-256 hashes (secrets are 256-bit random, so a fast unsalted hash is the right tool).
 */
final class Credentials {
    static final String MEMBER_PREFIX = "m.";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private Credentials() {
    }

    static String secret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A new member id: 12 hexadecimal digits. */
    static String memberId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String memberCredential(String memberId) {
        return MEMBER_PREFIX + memberId + "." + secret();
    }

    /** The member id a credential names (not yet checked), or empty when it is not one. */
    static Optional<String> memberIdOf(String credential) {
        if (credential == null || credential.length() > 200 || !credential.startsWith(MEMBER_PREFIX)) {
            return Optional.empty();
        }
        int dot = credential.indexOf('.', MEMBER_PREFIX.length());
        return dot <= MEMBER_PREFIX.length() ? Optional.empty() : Optional.of(credential.substring(MEMBER_PREFIX.length(), dot));
    }

    static byte[] hash(String secret) {
        MessageDigest md = SHA256.get();
        md.reset();
        return md.digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static boolean matches(byte[] expectedHash, String secret) {
        return expectedHash != null && MessageDigest.isEqual(expectedHash, hash(secret));
    }
}
