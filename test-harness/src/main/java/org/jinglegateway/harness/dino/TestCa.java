package org.jinglegateway.harness.dino;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made with openssl for one test class, and a server certificate it signs for one host
 * name (subjectAltName DNS). Nothing is installed: a client trusts {@link #caPem()} only where the test puts it
 * (DinoDesktop bind-mounts it over the CA bundle inside its own mount namespace).
 *
 * @param caPem       the CA's certificate
 * @param certificate the server certificate for the host
 * @param key         the server certificate's private key (unencrypted)
 */
public record TestCa(Path caPem, Path certificate, Path key) {

    /** Makes a fresh CA and a certificate for {@code host} in a new temp folder; fails when openssl fails. */
    public static TestCa create(String host) {
        try {
            Path dir = Files.createTempDirectory("jg-test-ca-");
            Path ca = dir.resolve("ca.pem");
            Path caKey = dir.resolve("ca.key");
            Path csr = dir.resolve(host + ".csr");
            Path cert = dir.resolve(host + ".crt");
            Path key = dir.resolve(host + ".key");
            Path ext = dir.resolve("server.ext");
            openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out",
                    ca.toString(), "-days", "2", "-subj", "/CN=jingle-gateway test CA", "-addext",
                    "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
                    "-subj", "/CN=" + host);
            Files.writeString(ext, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                    + "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:" + host + "\n", StandardCharsets.UTF_8);
            openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                    "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
            return new TestCa(ca, cert, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the test CA", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted making the test CA", e);
        }
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Path out = dir.resolve("openssl.out");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed (is openssl installed? `apt-get"
                    + " install -y openssl`): " + Files.readString(out, StandardCharsets.UTF_8));
        }
    }
}
