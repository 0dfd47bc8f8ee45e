// Conversations 2.12.8 (Android, libwebrtc): the stanzas its Jingle RTP code writes from libwebrtc's SDP.
// Modelled on the rules read in iNPUTmice/Conversations (branch master, 0677ddc5, 2023-08-16):
//   xmpp/jingle/RtpContentMap.java       toJinglePacket(): <group> first, then one <content> per m-line
//                                        (creator='initiator', name=mid, senders only when not both),
//                                        <description> then <transport>
//   xmpp/jingle/stanzas/RtpDescription.java of(): description@media; payload-types in rtpmap order with
//                                        channels only when != 1, key=value fmtp as <parameter>, value-only
//                                        fmtp tokens dropped, rtcp-fb per payload type; then rtp-hdrext
//                                        (id, uri; the /direction suffix is not split off), extmap-allow-mixed,
//                                        ssrc-group, source with one parameter per a=ssrc line, rtcp-mux.
//                                        No bandwidth, no rtcp-rsize, no media-level msid.
//   xmpp/jingle/stanzas/IceUdpTransportInfo.java of(): transport ufrag/pwd + fingerprint(hash, setup);
//                                        Candidate.fromSdpAttribute(): random UUID id, generation, rel-addr,
//                                        rel-port, lower-case protocol; no network, no tcptype
//   xmpp/jingle/JingleRtpConnection.java sendTransportInfo(): one transport-info per candidate whose
//                                        transport is a clone of the session's (ufrag AND pwd) plus the
//                                        candidate; initiateIceRestart(): one transport-info with every
//                                        content's new ufrag/pwd and nothing else; session-terminate reason
//                                        with optional <text>; no initiator/responder attribute anywhere
//   generator/MessageGenerator.java, JingleRtpConnection.sendJingleMessage(): XEP-0353 messages
//                                        (type chat, store hint; propose also a receipt request; proceed id
//                                        'jm-proceed-<sid>'); 2.12.8 has no <ringing/> and no <finish/>.
import { el } from '../lib/xml.mjs';
import { NS } from '../lib/ns.mjs';
import * as S from '../lib/sdp.mjs';
import * as ids from '../lib/ids.mjs';


export const SELF = 'romeo@example.net/Conversations.r0Me';
export const PEER = 'juliet@example.com/balcony';

const sid = ids.base64('conversations-sid', 16);
const iqId = (label) => ids.base64url('conversations-iq-' + label, 9);

function iq(label, to, from, jingle) {
  return el('iq', { xmlns: NS.client, type: 'set', to, id: iqId(label), from }, jingle);
}

function senders(section, initiator) {
  switch (S.direction(section)) {
    case 'sendonly': return initiator ? 'initiator' : 'responder';
    case 'recvonly': return initiator ? 'responder' : 'initiator';
    case 'inactive': return 'none';
    default: return null;
  }
}

function description(sdp, section) {
  const children = [];
  for (const fb of S.rtcpFbs(section, '*')) {
    children.push(el('rtcp-fb', { xmlns: NS.fb, type: fb.type, subtype: fb.subtype }));
  }
  for (const pt of S.rtpmaps(section)) {
    const params = [];
    const fmtp = S.fmtp(section, pt.id);
    if (fmtp !== null && !fmtp.includes(' ')) {
      for (const token of fmtp.split(';')) {
        const eq = token.indexOf('=');
        if (eq > 0) {
          params.push(el('parameter', { name: token.slice(0, eq), value: token.slice(eq + 1) }));
        }
      }
    }
    const fbs = S.rtcpFbs(section, pt.id).map((fb) => (fb.type === 'trr-int'
      ? el('rtcp-fb-trr-int', { xmlns: NS.fb, value: fb.subtype })
      : el('rtcp-fb', { xmlns: NS.fb, type: fb.type, subtype: fb.subtype })));
    const channels = pt.channels === null || pt.channels === '1' ? null : pt.channels;
    children.push(el('payload-type', { id: pt.id, name: pt.name, clockrate: pt.clockrate, channels },
      params, fbs));
  }
  for (const value of S.attrs(section, 'extmap')) {
    const space = value.indexOf(' ');
    children.push(el('rtp-hdrext', { xmlns: NS.hdrext, id: value.slice(0, space), uri: value.slice(space + 1) }));
  }
  if (S.has(section, 'extmap-allow-mixed') || S.has(sdp.session, 'extmap-allow-mixed')) {
    children.push(el('extmap-allow-mixed', { xmlns: NS.hdrext }));
  }
  for (const group of S.ssrcGroups(section)) {
    children.push(el('ssrc-group', { xmlns: NS.ssma, semantics: group.semantics },
      group.ssrcs.map((ssrc) => el('source', { ssrc }))));
  }
  const sources = new Map();
  for (const line of S.ssrcLines(section)) {
    if (!sources.has(line.ssrc)) {
      sources.set(line.ssrc, []);
    }
    sources.get(line.ssrc).push(el('parameter', { name: line.name, value: line.value }));
  }
  for (const [ssrc, params] of sources) {
    children.push(el('source', { xmlns: NS.ssma, ssrc }, params));
  }
  if (S.has(section, 'rtcp-mux')) {
    children.push(el('rtcp-mux'));
  }
  return el('description', { xmlns: NS.rtp, media: section.kind }, children);
}

function transport(sdp, section, extra = []) {
  const fp = S.fingerprint(sdp, section);
  return el('transport', { xmlns: NS.ice, ufrag: S.mattr(sdp, section, 'ice-ufrag'), pwd: S.mattr(sdp, section, 'ice-pwd') },
    el('fingerprint', { xmlns: NS.dtls, hash: fp.hash, setup: fp.setup }, fp.hex), extra);
}

function contentMapPacket(label, sdp, action, initiator, from, to) {
  const children = [];
  const group = S.attr(sdp.session, 'group');
  if (group !== null) {
    const [semantics, ...names] = group.split(' ');
    children.push(el('group', { xmlns: NS.group, semantics }, names.map((name) => el('content', { name }))));
  }
  for (const section of sdp.media) {
    children.push(el('content', { creator: 'initiator', name: S.attr(section, 'mid'), senders: senders(section, initiator) },
      description(sdp, section), transport(sdp, section)));
  }
  return iq(label, to, from, el('jingle', { xmlns: NS.jingle, sid, action }, children));
}

function candidate(init, label) {
  const c = S.parseCandidate(init.candidate);
  return el('candidate', {
    component: c.component,
    foundation: c.foundation,
    generation: c.ext.generation,
    'rel-addr': c.ext.raddr,
    'rel-port': c.ext.rport,
    id: ids.uuid(label),
    ip: c.ip,
    port: c.port,
    priority: c.priority,
    protocol: c.protocol.toLowerCase(),
    type: c.type,
  });
}

function message(label, to, child, extra = [], id = null) {
  return el('message', { xmlns: NS.client, type: 'chat', to, id: id ?? ids.base64url('conversations-msg-' + label, 9),
    from: SELF }, child, extra);
}

export async function generate({ sdp, candidates }) {
  const out = [];
  const add = (file, node, note) => out.push({ file, node, note });

  const audioOffer = await sdp('chrome/audio-offer.sdp');
  const avOffer = await sdp('chrome/audio-video-offer.sdp');
  const audioAnswer = await sdp('chrome/audio-answer.sdp');
  const avAnswer = await sdp('chrome/audio-video-answer.sdp');
  add('session-initiate-audio.xml', contentMapPacket('si-a', audioOffer, 'session-initiate', true, SELF, PEER),
    'RtpContentMap.of(offer).toJinglePacket(SESSION_INITIATE) on ../chrome/audio-offer.sdp');
  add('session-initiate-audio-video.xml', contentMapPacket('si-av', avOffer, 'session-initiate', true, SELF, PEER),
    'the same on ../chrome/audio-video-offer.sdp');
  add('session-accept-audio.xml', contentMapPacket('sa-a', audioAnswer, 'session-accept', false, SELF, PEER),
    'RtpContentMap.of(answer, responder).toJinglePacket(SESSION_ACCEPT) on ../chrome/audio-answer.sdp');
  add('session-accept-audio-video.xml', contentMapPacket('sa-av', avAnswer, 'session-accept', false, SELF, PEER),
    'the same on ../chrome/audio-video-answer.sdp');

  const audioSection = audioOffer.media[0];
  const events = (await candidates('chrome/audio-offer.candidates.json')).filter((e) => e !== null && e.candidate);
  events.forEach((event, i) => {
    const n = String(i + 1).padStart(2, '0');
    add('transport-info-candidate-' + n + '.xml', iq('ti-' + n, PEER, SELF,
      el('jingle', { xmlns: NS.jingle, sid, action: 'transport-info' },
        el('content', { creator: 'initiator', name: event.sdpMid },
          el('transport', { xmlns: NS.ice, ufrag: S.attr(audioSection, 'ice-ufrag'), pwd: S.attr(audioSection, 'ice-pwd') },
            candidate(event, 'conversations-cand-' + n))))),
    'onIceCandidate() for event ' + (i + 1) + ' of ../chrome/audio-offer.candidates.json (the null event sends nothing)');
  });

  const restart = await sdp('chrome/ice-restart-offer.sdp');
  const rtpSections = restart.media.filter((m) => m.kind === 'audio' || m.kind === 'video');
  add('transport-info-ice-restart.xml', iq('ti-restart', PEER, SELF,
    el('jingle', { xmlns: NS.jingle, sid, action: 'transport-info' },
      rtpSections.map((m) => el('content', { creator: 'initiator', name: S.attr(m, 'mid') },
        el('transport', { xmlns: NS.ice, ufrag: S.attr(m, 'ice-ufrag'), pwd: S.attr(m, 'ice-pwd') }))))),
  'initiateIceRestart(): new ufrag/pwd of the audio and video m-lines of ../chrome/ice-restart-offer.sdp, '
    + 'no fingerprint, no candidates (Conversations has no data channel, so the application m-line is left out)');

  const restartAnswer = await sdp('chrome/ice-restart-answer.sdp');
  const answerEvent = (await candidates('chrome/ice-restart-answer.candidates.json')).find((e) => e && e.candidate);
  const answerSection = restartAnswer.media.find((m) => S.attr(m, 'mid') === answerEvent.sdpMid);
  add('transport-info-ice-restart-answer-candidate.xml', iq('ti-restart-answer', PEER, SELF,
    el('jingle', { xmlns: NS.jingle, sid, action: 'transport-info' },
      el('content', { creator: 'initiator', name: answerEvent.sdpMid },
        el('transport', { xmlns: NS.ice, ufrag: S.attr(answerSection, 'ice-ufrag'), pwd: S.attr(answerSection, 'ice-pwd') },
          candidate(answerEvent, 'conversations-cand-restart'))))),
  'the responder\'s side of the restart: onIceCandidate() after applyIceRestart(), its first candidate from '
    + '../chrome/ice-restart-answer.candidates.json with the new ufrag/pwd of ../chrome/ice-restart-answer.sdp');

  const terminate = (label, reason, text) => iq(label, PEER, SELF,
    el('jingle', { xmlns: NS.jingle, sid, action: 'session-terminate' },
      el('reason', {}, el(reason), text ? el('text', {}, text) : null)));
  add('session-terminate-success.xml', terminate('st-ok', 'success'), 'sendSessionTerminate(Reason.SUCCESS)');
  add('session-terminate-decline.xml', terminate('st-decline', 'decline'), 'rejectCallFromSessionInitiate()');
  add('session-terminate-failed-application.xml',
    terminate('st-failed', 'failed-application', 'WebRTC unexpectedly tried to modify content and transport at once'),
    'sendSessionTerminate(Reason.FAILED_APPLICATION, text) as in renegotiate()');

  const bare = (jid) => jid.split('/')[0];
  add('jmi-propose-audio.xml', message('propose-a', bare(PEER),
    el('propose', { xmlns: NS.jmi, id: sid }, el('description', { xmlns: NS.rtp, media: 'audio' })),
    [el('request', { xmlns: NS.receipts }), el('store', { xmlns: NS.hints })], 'jm-propose-' + sid),
  'MessageGenerator.sessionProposal() for {audio} (to the bare JID)');
  add('jmi-propose-audio-video.xml', message('propose-av', bare(PEER),
    el('propose', { xmlns: NS.jmi, id: sid }, el('description', { xmlns: NS.rtp, media: 'audio' }),
      el('description', { xmlns: NS.rtp, media: 'video' })),
    [el('request', { xmlns: NS.receipts }), el('store', { xmlns: NS.hints })], 'jm-propose-' + sid),
  'MessageGenerator.sessionProposal() for {audio, video}');
  add('jmi-retract.xml', message('retract', bare(PEER),
    el('retract', { xmlns: NS.jmi, id: sid }, el('description', { xmlns: NS.rtp })),
    el('store', { xmlns: NS.hints })),
  'MessageGenerator.sessionRetract(): note the empty <description/> without media');
  add('jmi-proceed.xml', message('proceed', PEER, el('proceed', { xmlns: NS.jmi, id: sid }),
    el('store', { xmlns: NS.hints }), 'jm-proceed-' + sid),
  'acceptCallFromProposed(): proceed to the proposer\'s full JID');
  add('jmi-accept.xml', message('accept', bare(SELF), el('accept', { xmlns: NS.jmi, id: sid }),
    el('store', { xmlns: NS.hints })),
  'acceptCallFromProposed(): accept to the own bare JID (for the other devices)');
  add('jmi-reject.xml', message('reject', bare(PEER),
    el('reject', { xmlns: NS.jmi, id: sid }, el('description', { xmlns: NS.rtp })),
    el('store', { xmlns: NS.hints })),
  'MessageGenerator.sessionReject()');
  return out;
}

export const SOURCE = {
  name: 'Conversations',
  repo: 'iNPUTmice/Conversations (GitHub mirror), branch master',
  commit: '0677ddc59b5894b4a6e25901a2f2dbe28ca2a948 (2023-08-16), versionName 2.12.8',
  files: [
    'src/main/java/eu/siacs/conversations/xmpp/jingle/RtpContentMap.java',
    'src/main/java/eu/siacs/conversations/xmpp/jingle/stanzas/RtpDescription.java',
    'src/main/java/eu/siacs/conversations/xmpp/jingle/stanzas/IceUdpTransportInfo.java',
    'src/main/java/eu/siacs/conversations/xmpp/jingle/stanzas/JinglePacket.java, Content.java, Group.java',
    'src/main/java/eu/siacs/conversations/xmpp/jingle/JingleRtpConnection.java',
    'src/main/java/eu/siacs/conversations/generator/MessageGenerator.java',
  ],
  input: 'Conversations converts libwebrtc\'s SDP. The Android libwebrtc SDP is not available here, so the '
    + 'Chromium 156 SDP and candidates of ../chrome stand in for it (same library family and line shapes; the '
    + 'codec list of a phone differs).',
  notes: [
    'Attribute order follows the modelled code where it is fixed; Conversations keeps attributes in a Hashtable, '
      + 'so its real attribute order on the wire is hash order (irrelevant to XML, stated for completeness).',
    'RED\'s value-only fmtp `111/111` is dropped (no name=value): the session-initiate has no parameter for it.',
    'Every transport-info carries `pwd` as well as `ufrag`; candidates have a random UUID `id` and no `network`.',
    'The ICE restart transport-info is Conversations\' convention: every content, new ufrag/pwd, no candidates, '
      + 'no fingerprint. The peer (JingleRtpConnection.applyIceRestart) takes it as an offer, answers locally and '
      + 'replies with its candidates in transport-infos that carry its own new ufrag/pwd; the first of those is the '
      + 'answer (`transport-info-ice-restart-answer-candidate.xml`).',
    '`sid` and stanza ids are deterministic stand-ins in Conversations\' formats (16 random bytes base64 without '
      + 'padding; 9 bytes URL-safe base64).',
    'Version 2.12.8 sends no XEP-0353 <ringing/> or <finish/>; later versions (on Codeberg, not reachable here) '
      + 'add them, so there are no such samples.',
  ],
};
