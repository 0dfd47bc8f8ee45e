/**
 * The gateway's load suite ({@code bash scripts/load.sh}, docs/benchmarks.md "Load"): a private XMPP server tuned so
 * that it is not what gets measured, the gateway with a fixed heap, and a generator without browsers (WebSocket
 * devices speaking docs/protocol.md and raw c2s clients speaking Jingle, both with the mapper's real-client
 * fixtures). It measures added latency per message kind beside the server's own client-to-client route, calls held
 * at once, and call setup throughput with the CPU each process spends.
 */
package org.jinglegateway.harness.load;
