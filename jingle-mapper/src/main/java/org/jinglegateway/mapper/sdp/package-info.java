/**
 * SDP (RFC 8866) as WebRTC uses it (JSEP, RFC 9429): an order-preserving model of lines and attributes
 * ({@link org.jinglegateway.mapper.sdp.SessionDescription}), {@link org.jinglegateway.mapper.sdp.SdpParser} and
 * {@link org.jinglegateway.mapper.sdp.SdpWriter}, and typed views of the attributes the translation needs
 * (rtpmap, fmtp, rtcp-fb, extmap, ssrc, ...). Nothing is dropped: an attribute without a typed view is kept as it
 * was written, in its place, so a browser's SDP writes back byte for byte.
 */
package org.jinglegateway.mapper.sdp;
