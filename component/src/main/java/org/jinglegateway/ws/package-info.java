/**
 * The browser side: the HTTP listener and the WebSocket signaling endpoint of docs/protocol.md. Frames are JSON
 * objects with a {@code type}; the protocol logic is a plain class tested without sockets. A socket carries a device
 * ({@link org.jinglegateway.call.DeviceLink}) but is not the device: the device may outlive it.
 */
package org.jinglegateway.ws;
