/**
 * The hostile-input suite (docs/operations.md §8, "Limits"):
 * attacks on the gateway from an XMPP user, a browser and the operator's
 * SIGTERM, on a real Prosody, each with an unrelated signaling call and a real Chromium call as bystanders.
 */
package org.jinglegateway.harness.e2e.hostile;
