/** A real Prosody (Debian's package) started per test class, on loopback, in a temp folder. */
package org.jinglegateway.harness.prosody;
