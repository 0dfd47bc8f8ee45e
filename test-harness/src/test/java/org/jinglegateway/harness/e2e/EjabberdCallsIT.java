package org.jinglegateway.harness.e2e;

import org.jinglegateway.harness.XmppServer;
import org.jinglegateway.harness.ejabberd.EjabberdServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link CallScenarios} with a real ejabberd (Debian's 23.01) routing the XMPP side instead of Prosody. */
final class EjabberdCallsIT extends CallScenarios {
    @RegisterExtension
    static final EjabberdServer ejabberd = EjabberdServer.builder().user("bob", "bob-pw").build();

    @Override
    XmppServer server() {
        return ejabberd;
    }
}
