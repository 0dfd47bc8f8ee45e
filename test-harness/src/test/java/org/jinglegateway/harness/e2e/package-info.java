/** End-to-end tests: the gateway jar as a process, a real Prosody, Smack clients. */
package org.jinglegateway.harness.e2e;
