/**
 * The browser side: the HTTP listener and the WebSocket signaling endpoint of contracts.md §3. Frames are JSON
 * objects with a {@code type}; the protocol logic is a plain class tested without sockets.
 */
package org.jinglegateway.ws;
