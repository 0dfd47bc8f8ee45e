/** Smack 4.4 test clients that log in to the test XMPP server (Prosody or ejabberd). */
package org.jinglegateway.harness.client;
