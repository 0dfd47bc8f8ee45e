/**
 * ICE candidates as both worlds know them: the SDP {@code a=candidate} line and RTCIceCandidateInit string
 * (RFC 8839 §5.1) and the Jingle {@code <candidate/>} element (XEP-0176 §5.3). One model serves both.
 */
package org.jinglegateway.mapper.candidate;
