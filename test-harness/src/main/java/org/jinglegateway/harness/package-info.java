/** Real-server tooling for tests: the Prosody launcher, Smack clients, the gateway process runner. */
package org.jinglegateway.harness;
