/**
 * Jingle (XEP-0166) with RTP (XEP-0167), ICE-UDP (XEP-0176), DTLS (XEP-0320), rtcp-fb (XEP-0293), header
 * extensions (XEP-0294), grouping (XEP-0338) and sources (XEP-0339) as immutable records, with
 * {@link org.jinglegateway.mapper.jingle.JingleReader} and {@link org.jinglegateway.mapper.jingle.JingleWriter}.
 * Every element this model does not type is kept as {@link org.jinglegateway.mapper.jingle.RawXml} in its parent,
 * so nothing a client sends is silently lost.
 */
package org.jinglegateway.mapper.jingle;
