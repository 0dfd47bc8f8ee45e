/**
 * The translation between WebRTC SDP and Jingle: {@link org.jinglegateway.mapper.translate.SdpToJingle},
 * {@link org.jinglegateway.mapper.translate.JingleToSdp} and trickled candidates
 * ({@link org.jinglegateway.mapper.translate.CandidateTranslator}). Decisions are recorded in docs/mapping.md.
 */
package org.jinglegateway.mapper.translate;
