/**
 * The browser side: the HTTP listener and the WebSocket signaling endpoint of docs/protocol.md. Frames are JSON
 * objects with a {@code type}; the protocol logic is a plain class tested without sockets.
 */
package org.jinglegateway.ws;
