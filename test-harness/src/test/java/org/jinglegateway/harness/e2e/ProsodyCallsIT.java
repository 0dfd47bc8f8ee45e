package org.jinglegateway.harness.e2e;

import org.jinglegateway.harness.XmppServer;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link CallScenarios} with a real Prosody (Debian's 0.12) routing the XMPP side. */
final class ProsodyCallsIT extends CallScenarios {
    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().user("bob", "bob-pw").build();

    @Override
    XmppServer server() {
        return prosody;
    }
}
