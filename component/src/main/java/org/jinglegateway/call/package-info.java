/**
 * Calls: one {@link org.jinglegateway.call.Call} per browser device and Jingle session, its state explicit (the
 * session's {@link org.jinglegateway.call.CallState}, an ICE restart's state, a hold-back queue per side) and changed
 * only by its own transitions, run in order on its own serial lane. {@link org.jinglegateway.call.CallService} is the
 * entrance: browser frames arrive typed ({@link org.jinglegateway.call.BrowserFrame}, decoded once by
 * {@link org.jinglegateway.call.BrowserFrameDecoder}), XMPP stanzas as Tinder packets; routers look calls up in a
 * registry, and the event classes decide what each call does. Nothing here touches a socket: browsers are
 * {@link org.jinglegateway.call.Device}s and XMPP is an {@link org.jinglegateway.call.XmppSender}, so every flow is
 * tested by feeding events in and reading what comes out. A browser device outlives its socket
 * ({@link org.jinglegateway.call.BrowserDevice}, {@link org.jinglegateway.call.DeviceSessions}): frames are held while
 * it is away and a new socket may resume it (docs/protocol.md §8).
 */
package org.jinglegateway.call;
