/**
 * The XMPP side: the XEP-0114 component connection (safe stream reader, serialised writer, keepalive,
 * reconnection) and the Tinder {@link org.xmpp.component.Component} that answers disco, ping and version.
 * The component logic only sees Tinder's Component/ComponentManager interfaces, so it runs the same way inside
 * a server that hosts Tinder components (Openfire).
 */
package org.jinglegateway.xmpp;
