package org.jinglegateway.harness.ejabberd;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A real-server test never turns green without its server: a missing ejabberd fails with the reason. */
final class EjabberdServerTest {
    @Test
    void missingCtl_failsNamingTheFixCommand() {
        EjabberdServer server = EjabberdServer.builder().ctl(Path.of("/nonexistent/ejabberdctl")).build();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("ejabberd is not installed (/nonexistent/ejabberdctl missing): run"
                        + " `bash scripts/install-test-deps.sh` or `apt-get install -y ejabberd`");
    }
}
