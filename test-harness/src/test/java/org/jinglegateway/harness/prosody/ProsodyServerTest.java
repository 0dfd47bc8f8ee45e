package org.jinglegateway.harness.prosody;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A real-server test never turns green without its server: a missing Prosody fails with the reason. */
final class ProsodyServerTest {
    @Test
    void missingBinary_failsNamingTheFixCommand() {
        ProsodyServer server = ProsodyServer.builder().binary(Path.of("/nonexistent/prosody")).build();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("Prosody is not installed (/nonexistent/prosody missing): run"
                        + " `bash scripts/install-test-deps.sh` or `apt-get install -y prosody`");
    }
}
