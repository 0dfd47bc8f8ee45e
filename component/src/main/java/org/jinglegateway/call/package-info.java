/**
 * Calls: one {@link org.jinglegateway.call.Call} per browser device and Jingle session, run in order on its own
 * serial lane; {@link org.jinglegateway.call.CallService} routes browser frames and XMPP stanzas to them. Nothing
 * here touches a socket: browsers are {@link org.jinglegateway.call.Device}s and XMPP is an
 * {@link org.jinglegateway.call.XmppSender}, so every flow is tested by feeding events in and reading what comes out.
 */
package org.jinglegateway.call;
