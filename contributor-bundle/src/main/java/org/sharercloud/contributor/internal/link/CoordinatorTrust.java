package org.sharercloud.contributor.internal.link;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which coordinator certificates the agent accepts over https, decided during the TLS handshake, before any request
 * (and so before the join token or the member credential) is sent:
 * <ul>
 * <li>no pin, no trust store: the certificate must chain to the JDK's trust store and name the host (standard PKIX);
 * <li>{@code coordinator.truststore} (a PKCS12 or PEM file): the same, against that file's certificates only;
 * <li>{@code coordinator.pin} (SHA-256 fingerprints): the server's certificate must match one, compared with the
 * SHA-256 of the certificate (DER: what {@code keytool -list -v} and {@code openssl x509 -fingerprint -sha256} print)
 * and of its public key (DER SubjectPublicKeyInfo, unchanged when a certificate is renewed with the same key). A pin
 * alone decides, so a self-signed certificate needs no trust store; with a trust store as well, both must hold.
 * </ul>
 * A refusal throws a {@link Refused} whose message is one line saying what was seen and which setting to change.
 */
public final class CoordinatorTrust {
    private static final Pattern HEX64 = Pattern.compile("[0-9A-F]{64}");
    private static final String CFG = "etc/org.sharercloud.contributor.cfg";

    private final List<String> pins;
    private final X509ExtendedTrustManager pkix;
    private final String trustedBy;

    private CoordinatorTrust(List<String> pins, X509ExtendedTrustManager pkix, String trustedBy) {
        this.pins = pins;
        this.pkix = pkix;
        this.trustedBy = trustedBy;
    }

    /** Why the coordinator's certificate was refused, in one line naming what to do. */
    public static final class Refused extends CertificateException {
        private static final long serialVersionUID = 1L;

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param pins       SHA-256 fingerprints as {@link #pins(String)} reads them; empty for none
     * @param trustStore a PKCS12 or PEM file of trusted certificates, or null for the JDK's trust store
     * @param password   the PKCS12 file's password (empty for none; unused for PEM)
     * @throws IllegalArgumentException naming {@code coordinator.truststore} when the file cannot be read
     */
    public static CoordinatorTrust of(List<String> pins, Path trustStore, String password) {
        try {
            if (trustStore == null) {
                return new CoordinatorTrust(List.copyOf(pins), pins.isEmpty() ? pkix(null) : null, "the JDK's trust store");
            }
            return new CoordinatorTrust(List.copyOf(pins), pkix(load(trustStore, password)), "coordinator.truststore " + trustStore);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("coordinator.truststore: cannot read " + trustStore + " as PKCS12 or PEM certificates ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * {@code coordinator.pin}: comma-separated SHA-256 fingerprints, 64 hex digits each, colons and case ignored (so
     * keytool's {@code AB:CD:…} and openssl's {@code sha256 Fingerprint=AB:CD:…} paste as they are).
     */
    public static List<String> pins(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "sha256 Fingerprint=", 0, 19)) {
                p = p.substring(19);
            }
            p = p.replace(":", "").toUpperCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            if (!HEX64.matcher(p).matches()) {
                throw new IllegalArgumentException("coordinator.pin: '" + (part.strip().length() > 40 ? part.strip().substring(0, 40) + "..."
                        : part.strip()) + "' is not a SHA-256 fingerprint (64 hex digits, colons allowed)");
            }
            out.add(p);
        }
        return List.copyOf(out);
    }

    /** The SHA-256 of the certificate (DER), as {@code AB:CD:…}. */
    public static String certificateSha256(X509Certificate cert) throws CertificateException {
        return colons(sha256(cert.getEncoded()));
    }

    /** The SHA-256 of the certificate's public key (DER SubjectPublicKeyInfo), as {@code AB:CD:…}. */
    public static String publicKeySha256(X509Certificate cert) {
        return colons(sha256(cert.getPublicKey().getEncoded()));
    }

    /** A TLS context that checks the coordinator's certificate as this object says. */
    public SSLContext sslContext() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new Manager()}, null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }

    /** How a coordinator at {@code url} is checked, for the start-up log line. */
    public String describe(java.net.URI url) {
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            return "plain http: no TLS";
        }
        String pinned = pins.isEmpty() ? "" : "pinned to SHA-256 " + String.join(", ", pins);
        return pkix == null ? "TLS, " + pinned : "TLS, certificate checked against " + trustedBy + (pinned.isEmpty() ? "" : " and " + pinned);
    }

    void check(X509Certificate[] chain, String authType, SSLEngine engine, Socket socket) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new Refused("The coordinator presented no certificate; nothing was sent. Check coordinator.url in " + CFG, null);
        }
        X509Certificate leaf = chain[0];
        String seen = certificateSha256(leaf);
        if (pkix != null) {
            try {
                if (engine != null) {
                    pkix.checkServerTrusted(chain, authType, engine);
                } else if (socket != null) {
                    pkix.checkServerTrusted(chain, authType, socket);
                } else {
                    pkix.checkServerTrusted(chain, authType);
                }
            } catch (CertificateException e) {
                throw new Refused("The coordinator's certificate is not trusted by " + trustedBy + " (" + oneLine(e) + "); nothing was sent. "
                        + "It presented SHA-256 " + seen + " (" + leaf.getSubjectX500Principal().getName() + ", issuer "
                        + leaf.getIssuerX500Principal().getName() + "). If the coordinator's admin confirms this fingerprint "
                        + "(bin/sharer-tls fingerprint on the coordinator), set coordinator.pin = " + seen + " in " + CFG
                        + ", or put its CA in coordinator.truststore", e);
            }
        }
        if (!pins.isEmpty()) {
            String cert = seen.replace(":", "");
            String key = publicKeySha256(leaf).replace(":", "");
            if (!pins.contains(cert) && !pins.contains(key)) {
                throw new Refused("The coordinator's certificate does not match coordinator.pin; nothing was sent. It presented SHA-256 "
                        + seen + " (" + leaf.getSubjectX500Principal().getName() + "). If the coordinator's admin confirms this fingerprint "
                        + "(its certificate was replaced), set coordinator.pin = " + seen + " in " + CFG
                        + "; otherwise someone may be impersonating the coordinator", null);
            }
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ");
    }

    private static X509ExtendedTrustManager pkix(KeyStore anchors) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(anchors);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509 trust manager");
    }

    /** Certificates of a PEM file (one or more {@code BEGIN CERTIFICATE} blocks) or of a PKCS12 key store. */
    static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        byte[] bytes = Files.readAllBytes(file);
        KeyStore anchors;
        if (new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.US_ASCII).contains("-----BEGIN")) {
            anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int i = 0;
            try (InputStream in = Files.newInputStream(file)) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    anchors.setCertificateEntry("pem-" + i++, c);
                }
            }
        } else {
            anchors = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                anchors.load(in, password == null || password.isEmpty() ? null : password.toCharArray());
            }
        }
        if (anchors.size() == 0) {
            throw new GeneralSecurityException("no certificates in it");
        }
        return anchors;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String colons(byte[] digest) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /** The trust manager of the agent's TLS context; a client certificate is never asked of the agent. */
    private final class Manager extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain, authType, engine, null);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain, authType, null, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, authType, null, null);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("the agent accepts no clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("the agent accepts no clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the agent accepts no clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix == null ? new X509Certificate[0] : pkix.getAcceptedIssuers();
        }
    }
}
