/**
 * Real-server tooling for tests: the Prosody and ejabberd launchers (both an {@link
 * org.jinglegateway.harness.XmppServer}), Smack clients, the gateway process runner.
 */
package org.jinglegateway.harness;
