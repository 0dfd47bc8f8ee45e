/** Smack 4.4 test clients that log in to the test Prosody. */
package org.jinglegateway.harness.client;
