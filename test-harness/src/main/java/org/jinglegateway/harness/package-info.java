/**
 * Real-server tooling for tests: the Prosody and ejabberd launchers (both a {@link
 * org.jinglegateway.harness.ServerProcess} and an {@link org.jinglegateway.harness.XmppServer}), the gateway
 * launcher ({@link org.jinglegateway.harness.GatewayProcess}, the one way an IT starts the gateway), the runner of
 * test-harness/js's node scripts ({@link org.jinglegateway.harness.NodeScript}), Smack clients, free ports and
 * awaiting without sleeps.
 */
package org.jinglegateway.harness;
