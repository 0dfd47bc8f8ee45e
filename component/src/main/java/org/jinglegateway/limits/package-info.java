/**
 * What one browser device, one socket, one address or one XMPP peer may cost the gateway: rates and counts that
 * a real deployment never meets by accident and an abuser meets at once (docs/operations.md, "Limits"). The call
 * and WebSocket layers ask these budgets before they do work; the answer to an over-limit request is theirs.
 */
package org.jinglegateway.limits;
