package org.sharercloud.contributor.internal.link;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.After;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.JoinRequest;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * The agent's certificate checks against a real HTTPS server on 127.0.0.1 with self-signed certificates made by the
 * JDK's keytool, as the coordinator's set-up makes them: accepted by a pin on the certificate or on its public key or
 * by a trust store (PEM, PKCS12); refused by a wrong pin, by the JDK's trust store and for another host name, with a
 * one-line reason naming the fingerprint seen and the setting, and without a single request reaching the server.
 */
public class CoordinatorTrustTest {
    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();

    private static final String PASSWORD = "store-secret-1";
    private static Path loopback;
    private static Path elsewhere;
    private static X509Certificate loopbackCert;

    private HttpsServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeClass
    public static void keys() throws Exception {
        loopback = keystore("loopback", "SAN=ip:127.0.0.1,dns:localhost");
        elsewhere = keystore("elsewhere", "SAN=dns:coordinator.example");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(loopback)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        loopbackCert = (X509Certificate) ks.getCertificate("coordinator");
    }

    @After
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    public void aPinOnTheCertificateAsKeytoolPrintsItIsAccepted() throws Exception {
        String keytoolPrints = fingerprintByKeytool(loopback);
        assertEquals(CoordinatorTrust.certificateSha256(loopbackCert), keytoolPrints);
        URI url = serve(loopback);
        assertEquals(201, client(url, CoordinatorTrust.of(CoordinatorTrust.pins(keytoolPrints), null, "")).join(join()).status());
        assertEquals(1, requests.get());
    }

    @Test
    public void aPinOnThePublicKeyLowerCaseWithoutColonsIsAccepted() throws Exception {
        URI url = serve(loopback);
        String key = CoordinatorTrust.publicKeySha256(loopbackCert).replace(":", "").toLowerCase();
        assertEquals(201, client(url, CoordinatorTrust.of(CoordinatorTrust.pins("0000000000000000000000000000000000000000000000000000000000000000, " + key), null, ""))
                .join(join()).status());
    }

    @Test
    public void aWrongPinIsRefusedBeforeAnythingIsSentAndTheLineNamesTheFingerprintAndTheSetting() throws Exception {
        URI url = serve(loopback);
        String seen = CoordinatorTrust.certificateSha256(loopbackCert);
        UntrustedCoordinatorException e = refused(url, CoordinatorTrust.of(CoordinatorTrust.pins("AB".repeat(32)), null, ""));
        assertTrue(e.getMessage(), e.getMessage().contains("does not match coordinator.pin"));
        assertTrue(e.getMessage(), e.getMessage().contains("SHA-256 " + seen));
        assertTrue(e.getMessage(), e.getMessage().contains("set coordinator.pin = " + seen + " in etc/org.sharercloud.contributor.cfg"));
        assertTrue(e.getMessage(), e.getMessage().contains("nothing was sent"));
        assertTrue("one line", !e.getMessage().contains("\n"));
        assertEquals("not one request reached the server", 0, requests.get());
    }

    @Test
    public void aSelfSignedCertificateIsNotTrustedByTheJdksTrustStore() throws Exception {
        URI url = serve(loopback);
        UntrustedCoordinatorException e = refused(url, CoordinatorTrust.of(List.of(), null, ""));
        assertTrue(e.getMessage(), e.getMessage().contains("not trusted by the JDK's trust store"));
        assertTrue(e.getMessage(), e.getMessage().contains("coordinator.pin = " + CoordinatorTrust.certificateSha256(loopbackCert)));
        assertTrue(!e.getMessage().contains("\n"));
        assertEquals(0, requests.get());
        // the plain constructor is the same check
        try {
            new CoordinatorClient(url).join(join());
            fail("accepted a self-signed certificate");
        } catch (UntrustedCoordinatorException expected) {
            assertEquals(0, requests.get());
        }
    }

    @Test
    public void aPemTrustStoreHoldingTheCertificateIsAcceptedAndTheHostNameIsChecked() throws Exception {
        Path pem = tmp.getRoot().toPath().resolve("loopback.pem");
        keytool("-exportcert", "-rfc", "-alias", "coordinator", "-keystore", loopback.toString(), "-storepass", PASSWORD, "-file", pem.toString());
        URI url = serve(loopback);
        assertEquals(201, client(url, CoordinatorTrust.of(List.of(), pem, "")).join(join()).status());
        server.stop(0);

        Path otherPem = tmp.getRoot().toPath().resolve("elsewhere.pem");
        keytool("-exportcert", "-rfc", "-alias", "coordinator", "-keystore", elsewhere.toString(), "-storepass", PASSWORD, "-file", otherPem.toString());
        requests.set(0);
        URI other = serve(elsewhere);
        UntrustedCoordinatorException e = refused(other, CoordinatorTrust.of(List.of(), otherPem, ""));
        assertTrue("a trusted certificate for another name: " + e.getMessage(), e.getMessage().contains("not trusted by coordinator.truststore"));
        assertTrue(e.getMessage(), e.getMessage().contains("127.0.0.1"));
        assertEquals(0, requests.get());
    }

    @Test
    public void aPkcs12TrustStoreWorksAndATrustStorePlusAPinNeedsBoth() throws Exception {
        Path pem = tmp.getRoot().toPath().resolve("for-p12.pem");
        Path p12 = tmp.getRoot().toPath().resolve("trust.p12");
        keytool("-exportcert", "-rfc", "-alias", "coordinator", "-keystore", loopback.toString(), "-storepass", PASSWORD, "-file", pem.toString());
        keytool("-importcert", "-noprompt", "-alias", "coordinator", "-file", pem.toString(), "-keystore", p12.toString(),
                "-storetype", "PKCS12", "-storepass", "trust-secret");
        URI url = serve(loopback);
        assertEquals(201, client(url, CoordinatorTrust.of(List.of(), p12, "trust-secret")).join(join()).status());
        UntrustedCoordinatorException e = refused(url, CoordinatorTrust.of(CoordinatorTrust.pins("CD".repeat(32)), p12, "trust-secret"));
        assertTrue(e.getMessage(), e.getMessage().contains("does not match coordinator.pin"));
        assertEquals(1, requests.get());
    }

    @Test
    public void badPinsAndUnreadableTrustStoresAreRefusedNamingTheSetting() throws Exception {
        assertEquals(List.of("AB".repeat(32)), CoordinatorTrust.pins("sha256 Fingerprint=" + "ab:".repeat(31) + "ab"));
        assertEquals(List.of(), CoordinatorTrust.pins(" , "));
        for (String bad : new String[] {"AB:CD", "zz".repeat(32), "AB".repeat(33)}) {
            try {
                CoordinatorTrust.pins(bad);
                fail("accepted pin " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("coordinator.pin: "));
            }
        }
        Path junk = Files.writeString(tmp.getRoot().toPath().resolve("junk.p12"), "not a key store");
        for (Path p : new Path[] {junk, tmp.getRoot().toPath().resolve("missing.pem")}) {
            try {
                CoordinatorTrust.of(List.of(), p, "");
                fail("accepted trust store " + p);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("coordinator.truststore: cannot read " + p));
            }
        }
    }

    private UntrustedCoordinatorException refused(URI url, CoordinatorTrust trust) throws Exception {
        try {
            CoordinatorClient.Reply<?> r = client(url, trust).join(join());
            throw new AssertionError("accepted: HTTP " + r.status());
        } catch (UntrustedCoordinatorException e) {
            assertNotNull(e.getMessage());
            return e;
        }
    }

    private static CoordinatorClient client(URI url, CoordinatorTrust trust) {
        return new CoordinatorClient(url, trust);
    }

    private static JoinRequest join() {
        return new JoinRequest("sc_join_secret", "box", new HostInfo("m1", "box", "Linux", "amd64", 2, 1024, 1024, false, Map.of()),
                null, null);
    }

    /** An HTTPS server on 127.0.0.1 with the key store's certificate, answering every join 201 and counting requests. */
    private URI serve(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            byte[] body = "{\"memberId\":\"m-1\",\"credential\":\"m.m-1.x\",\"heartbeatSeconds\":5}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(201, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    private static Path keystore(String name, String san) throws Exception {
        Path ks = tmp.getRoot().toPath().resolve(name + ".p12");
        keytool("-genkeypair", "-alias", "coordinator", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", san, "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        return ks;
    }

    private static String fingerprintByKeytool(Path keystore) throws Exception {
        for (String line : keytool("-list", "-v", "-alias", "coordinator", "-keystore", keystore.toString(), "-storepass", PASSWORD).split("\n")) {
            if (line.strip().startsWith("SHA256:")) {
                return line.strip().substring("SHA256:".length()).strip();
            }
        }
        throw new AssertionError("keytool printed no SHA256 line");
    }

    static String keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("keytool " + String.join(" ", args) + ": " + out);
        }
        return out;
    }
}
