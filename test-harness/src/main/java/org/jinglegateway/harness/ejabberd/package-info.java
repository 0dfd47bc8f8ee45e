/** A real ejabberd (Debian's package) started per test class, on loopback, in a temp folder, as its own node. */
package org.jinglegateway.harness.ejabberd;
