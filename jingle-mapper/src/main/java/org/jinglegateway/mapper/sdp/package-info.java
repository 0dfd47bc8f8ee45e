/**
 * The SDP model (RFC 8866 with the WebRTC attributes of JSEP, RFC 9429) as immutable records, with
 * {@link org.jinglegateway.mapper.sdp.SdpParser} and {@link org.jinglegateway.mapper.sdp.SdpWriter}. Known
 * attributes are typed; everything else is kept in order as {@link org.jinglegateway.mapper.sdp.UnknownAttribute}.
 * Every model value is validated on construction so that no CR, LF or forbidden space can reach a written SDP.
 */
package org.jinglegateway.mapper.sdp;
