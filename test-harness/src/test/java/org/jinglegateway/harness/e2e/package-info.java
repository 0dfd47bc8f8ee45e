/** End-to-end tests: the gateway jar as a process, a real Prosody or ejabberd, Smack clients. */
package org.jinglegateway.harness.e2e;
