// Movim 0.34 (PHP server, browser WebRTC): the browser's SDP goes to the server, which converts it line by line.
// Modelled on movim/movim at bf786260 (2026-08-06, after tag v0.34.1):
//   src/Movim/Librairies/SDPtoJingle.php  the SDP is split on "\n"; every line is tried against a list of line
//        patterns in a fixed order and each match appends to the tree being built:
//        jingle(xmlns, initiator=<own BARE JID>, action, responder=<the peer JID>, sid); a=group -> <group>
//        (where it appears, i.e. before the contents); m= -> a new <content creator='initiator'> whose
//        <transport> is created FIRST and the <description media> after it; a=mid -> content@name;
//        a=sendrecv etc. -> content@senders; a=fingerprint/a=setup -> transport fingerprint(hash)+setup;
//        ice-ufrag/pwd -> transport attributes; a=rtpmap -> payload-type(id, name, clockrate, channels if
//        given); a=fmtp -> parameter(name, value) for name=value tokens only; a=rtcp-fb -> rtcp-fb in the payload
//        type ('*' in the description); a=extmap -> rtp-hdrext(id, uri, senders); a=rtcp-mux -> <rtcp-mux/>;
//        a=msid is remembered and written as an extra msid parameter before every non-msid a=ssrc parameter;
//        a=ssrc:<n> <name>:<value> keeps the value only up to the first space (msid loses its track id);
//        a=sctpmap (old form only) -> sctpmap; a=candidate -> candidate(foundation, component, protocol,
//        priority, ip, port, type, generation, id, network, network-id, network-cost, rel-addr, rel-port,
//        tcptype) with the transport's ufrag and the session's stored pwd. Everything else is dropped
//        (a=ssrc-group, a=sctp-port, a=max-message-size, a=extmap-allow-mixed, a=rtcp-rsize, a=rid, ...).
//   app/Widgets/Visio/Visio.php  ajaxSessionInitiate/ajaxSessionAccept/ajaxCandidate (one transport-info per
//        candidate, sdp = 'a=' + candidate, content name = sdpMid), ajaxTerminate, ajaxGoodbye
//   public/scripts/movim_jingles.js  sends only candidates with a non-empty candidate string (no end marker)
//   src/Moxl/Stanza/Jingle.php  XEP-0353 propose (video description first), ringing, proceed, retract and finish
//        (each with a jingle reason and <text>), reject; session-terminate(action, sid) + reason; mute/unmute
import { el } from '../lib/xml.mjs';
import { NS } from '../lib/ns.mjs';
import * as S from '../lib/sdp.mjs';
import * as ids from '../lib/ids.mjs';


const SELF_BARE = 'romeo@example.net';
export const SELF = SELF_BARE + '/movimB4a9';
export const PEER = 'juliet@example.com/balcony';
const sid = ids.uuid('movim-sid');
const DIRECTION = { inactive: 'none', sendonly: 'initiator', recvonly: 'responder', sendrecv: 'both' };

// Mutable element helpers (the converter appends as it goes).
const node = (name, attrs = {}) => ({ name, attrs, children: [] });
const child = (parent, name, attrs = {}) => {
  const c = node(name, attrs);
  parent.children.push(c);
  return c;
};

// The line walk of SDPtoJingle for the given action; `pwd` is the ICE password the server remembered.
function convert(sdpText, { action, mid = null, pwd = null }) {
  const jingle = node('jingle', { xmlns: NS.jingle, initiator: SELF_BARE, action, responder: PEER });
  let content = null;
  let transport = null;
  let description = null;
  let payloadType = null;
  let fingerprint = null;
  let msid = null;
  let ufrag = null;
  let contentMid = mid;
  const global = {};
  const fmtpCache = new Map();
  const fbCache = new Map();
  const initContent = (force) => {
    if (content === null || force) {
      content = child(jingle, 'content', { creator: 'initiator' });
      transport = child(content, 'transport', { xmlns: NS.ice });
      msid = null;
    }
  };
  const addName = (name) => {
    if (name !== null && name !== undefined) {
      content.attrs.name = name;
    } else if (contentMid !== null) {
      content.attrs.name = contentMid;
    }
  };
  const addFmtp = (pt, tokens) => {
    for (const token of tokens) {
      const parts = token.trim().split('=');
      if (parts.length > 1) {
        child(pt, 'parameter', { name: parts[0], value: parts[1] });
      }
    }
  };
  const addFb = (parent, fb) => child(parent, 'rtcp-fb', { xmlns: NS.fb, type: fb[2], subtype: fb[4] });

  for (const line of sdpText.split('\n')) {
    let m;
    if ((m = /^a=candidate:(\w{1,32}) (\d{1,5}) (udp|tcp) (\d{1,10}) ([a-zA-Z0-9:.]{1,45}) (\d{1,5}) (typ) (host|srflx|prflx|relay|ufrag)\s?(.+)?/i.exec(line))) {
      initContent(false);
      addName(null);
      if (jingle.attrs.sid === undefined) {
        jingle.attrs.sid = sid;
      }
      const args = {};
      if (m[9] !== undefined) {
        const kv = m[9].trim().split(' ');
        for (let i = 0; i < kv.length; i += 2) {
          args[kv[i]] = kv[i + 1];
        }
      }
      if (args.ufrag !== undefined) {
        ufrag = args.ufrag;
      }
      child(transport, 'candidate', { foundation: m[1], component: m[2], protocol: m[3].toLowerCase(), priority: m[4],
        ip: m[5], port: m[6], type: m[8], generation: args.generation ?? '0', id: args.id, network: args.network,
        'network-id': args['network-id'], 'network-cost': args['network-cost'], 'rel-addr': args.raddr,
        'rel-port': args.rport, tcptype: args.tcptype });
      if (ufrag && pwd) {
        transport.attrs.ufrag = ufrag;
        transport.attrs.pwd = pwd;
      }
    }
    if ((m = /^a=extmap:([^\s/]+)(\/([^\s/]+))? (\S+)/i.exec(line))) {
      child(description, 'rtp-hdrext', { xmlns: NS.hdrext, id: m[1], uri: m[4], senders: m[3] ? DIRECTION[m[3]] : null });
    }
    if ((m = /^a=fingerprint:(\S+) (\S+)/i.exec(line))) {
      if (content === null) {
        global.hash = m[1];
        global.hex = m[2];
      } else {
        fingerprint = child(transport, 'fingerprint', { xmlns: NS.dtls, hash: m[1] });
        fingerprint.children.push(m[2]);
      }
    }
    if ((m = /^a=fmtp:(\d+) (.+)/i.exec(line))) {
      const tokens = m[2].trim().split(';');
      if (payloadType && payloadType.attrs.id === m[1]) {
        addFmtp(payloadType, tokens);
      } else {
        fmtpCache.set(m[1], tokens);
      }
    }
    if ((m = /^a=group:(\S+) (.+)/i.exec(line))) {
      const group = child(jingle, 'group', { xmlns: NS.group, semantics: m[1] });
      for (const name of m[2].split(' ')) {
        child(group, 'content', { name: name.trim() });
      }
    }
    if ((m = /^m=(audio|video|application|data)/i.exec(line))) {
      initContent(true);
      if (action !== 'transport-info') {
        description = child(content, 'description', { xmlns: NS.rtp, media: m[1] });
      }
      if (global.hash) {
        fingerprint = child(transport, 'fingerprint', { xmlns: NS.dtls, hash: global.hash });
        fingerprint.children.push(global.hex);
      }
    }
    if ((m = /^a=mid:(\S+)/i.exec(line))) {
      addName(m[1]);
    }
    if ((m = /^a=msid:(.+)/i.exec(line))) {
      msid = m[1].trim();
    }
    if ((m = /^a=ice-pwd:(\S+)/i.exec(line))) {
      transport.attrs.pwd = m[1];
    }
    const trr = /^a=rtcp-fb:(\d+) trr-int (\d+)/i.exec(line);
    if (trr) {
      child(payloadType, 'rtcp-fb-trr-int', { xmlns: NS.fb, id: trr[1], value: trr[2] });
    }
    if ((m = /^a=rtcp-fb:(\S+) (\S+)( (\S+))?/i.exec(line))) {
      if (m[1] === '*') {
        addFb(description, m);
      } else if (payloadType && payloadType.attrs.id === m[1]) {
        addFb(payloadType, m);
      } else {
        if (!fbCache.has(m[1])) {
          fbCache.set(m[1], []);
        }
        fbCache.get(m[1]).push(m);
      }
    }
    if (/^a=rtcp-mux/i.test(line)) {
      child(description, 'rtcp-mux');
    }
    if ((m = /^a=rtpmap:(\d+) (([^\s/]+)(\/(\d+)(\/([^\s/]+))?)?)?/i.exec(line))) {
      payloadType = child(description, 'payload-type', { id: m[1], name: m[3], clockrate: m[4] ? m[5] : null,
        channels: m[7] ?? null });
      if (fmtpCache.has(m[1])) {
        addFmtp(payloadType, fmtpCache.get(m[1]));
        fmtpCache.delete(m[1]);
      }
      if (fbCache.has(m[1])) {
        fbCache.get(m[1]).forEach((fb) => addFb(payloadType, fb));
        fbCache.delete(m[1]);
      }
    }
    if ((m = /^a=sctpmap:(\d+) (\S+) (\d+)/i.exec(line))) {
      child(transport, 'sctpmap', { xmlns: NS.sctp, number: m[1], protocol: m[2], streams: m[3] });
    }
    if ((m = /^a=(sendrecv|sendonly|inactive|recvonly)/i.exec(line))) {
      if (content !== null) {
        content.attrs.senders = DIRECTION[m[1]];
      }
    }
    if (/^o=(\S+) (\d+)/i.test(line)) {
      jingle.attrs.sid = sid;
    }
    if ((m = /^a=setup:(\S+)/i.exec(line))) {
      if (content !== null) {
        fingerprint.attrs.setup = m[1];
      }
    }
    if ((m = /^a=ssrc:(\d+) (\w+)(:(\S+))?( (\w+))?/i.exec(line))) {
      let source = description.children.find((c) => c.name === 'source' && c.attrs.ssrc === m[1]);
      if (!source) {
        source = child(description, 'source', { xmlns: NS.ssma, ssrc: m[1] });
      }
      if (msid !== null && m[2] !== 'msid') {
        child(source, 'parameter', { name: 'msid', value: msid });
      }
      child(source, 'parameter', { name: m[2], value: m[4] });
    }
    if ((m = /^a=ice-ufrag:(\S+)/i.exec(line))) {
      transport.attrs.ufrag = m[1];
    }
  }
  return jingle;
}

function iq(label, jingle) {
  return el('iq', { xmlns: NS.client, type: 'set', to: PEER, id: ids.uuid('movim-iq-' + label), from: SELF }, jingle);
}

function message(label, child) {
  return el('message', { xmlns: NS.client, type: 'chat', to: PEER, id: ids.uuid('movim-msg-' + label), from: SELF }, child);
}

export async function generate({ rawSdp, candidates, sdp }) {
  const out = [];
  const add = (file, node, note) => out.push({ file, node, note });
  const offerAudio = await rawSdp('chrome/audio-offer.sdp');
  add('session-initiate-audio.xml', iq('si-a', convert(offerAudio, { action: 'session-initiate' })),
    'ajaxSessionInitiate() with ../chrome/audio-offer.sdp');
  add('session-initiate-audio-video.xml',
    iq('si-av', convert(await rawSdp('chrome/audio-video-offer.sdp'), { action: 'session-initiate' })),
    'ajaxSessionInitiate() with ../chrome/audio-video-offer.sdp');
  add('session-initiate-audio-video-data.xml',
    iq('si-avd', convert(await rawSdp('chrome/audio-video-data-offer.sdp'), { action: 'session-initiate' })),
    'ajaxSessionInitiate() with ../chrome/audio-video-data-offer.sdp (the data channel loses its sctp-port)');
  add('session-initiate-audio-video-firefox.xml',
    iq('si-av-ff', convert(await rawSdp('firefox/audio-video-offer.sdp'), { action: 'session-initiate' })),
    'ajaxSessionInitiate() with ../firefox/audio-video-offer.sdp (session-level fingerprint copied into each transport)');
  add('session-accept-audio.xml', iq('sa-a', convert(await rawSdp('chrome/audio-answer.sdp'),
    { action: 'session-accept' })), 'ajaxSessionAccept() with ../chrome/audio-answer.sdp');
  const offer = await sdp('chrome/audio-offer.sdp');
  const pwd = S.attr(offer.media[0], 'ice-pwd');
  const events = (await candidates('chrome/audio-offer.candidates.json')).filter((e) => e !== null && e.candidate);
  events.forEach((event, i) => {
    const n = String(i + 1).padStart(2, '0');
    add('transport-info-candidate-' + n + '.xml', iq('ti-' + n, convert('a=' + event.candidate,
      { action: 'transport-info', mid: event.sdpMid, pwd })),
    'ajaxCandidate() for event ' + (i + 1) + ' of ../chrome/audio-offer.candidates.json');
  });
  const restartEvents = (await candidates('chrome/ice-restart-offer.candidates.json')).filter((e) => e && e.candidate);
  const tcp = restartEvents.find((e) => / tcp /.test(e.candidate));
  if (tcp) {
    const restart = await sdp('chrome/ice-restart-offer.sdp');
    add('transport-info-candidate-tcp.xml', iq('ti-tcp', convert('a=' + tcp.candidate,
      { action: 'transport-info', mid: tcp.sdpMid, pwd: S.attr(restart.media[0], 'ice-pwd') })),
    'ajaxCandidate() for the first TCP candidate of ../chrome/ice-restart-offer.candidates.json (tcptype kept)');
  }
  add('session-terminate-success.xml', iq('st', el('jingle', { xmlns: NS.jingle, action: 'session-terminate', sid },
    el('reason', {}, el('success')))), 'ajaxTerminate() with the default reason');
  add('session-info-mute.xml', iq('mute', el('jingle', { xmlns: NS.jingle, action: 'session-info', sid },
    el('mute', { xmlns: NS.info, name: '0' }))), 'ajaxMute() for the track of mid "0" (the name is the media id '
    + 'minus its first three characters)');
  add('jmi-propose-audio.xml', message('propose-a', el('propose', { xmlns: NS.jmi, id: sid },
    el('description', { xmlns: NS.rtp, media: 'audio' }))), 'Jingle::messagePropose(withVideo: false)');
  add('jmi-propose-audio-video.xml', message('propose-av', el('propose', { xmlns: NS.jmi, id: sid },
    el('description', { xmlns: NS.rtp, media: 'video' }), el('description', { xmlns: NS.rtp, media: 'audio' }))),
  'Jingle::messagePropose(withVideo: true): the video description comes first');
  add('jmi-ringing.xml', message('ringing', el('ringing', { xmlns: NS.jmi, id: sid })), 'Jingle::messageRinging()');
  add('jmi-proceed.xml', message('proceed', el('proceed', { xmlns: NS.jmi, id: sid })), 'Jingle::messageProceed()');
  add('jmi-retract.xml', message('retract', el('retract', { xmlns: NS.jmi, id: sid },
    el('reason', { xmlns: NS.jingle }, el('cancel'), el('text', {}, 'Retracted')))), 'Jingle::messageRetract()');
  add('jmi-finish.xml', message('finish', el('finish', { xmlns: NS.jmi, id: sid },
    el('reason', { xmlns: NS.jingle }, el('success'), el('text', {}, 'Success')))), 'Jingle::messageFinish(success)');
  add('jmi-reject.xml', message('reject', el('reject', { xmlns: NS.jmi, id: sid })), 'Jingle::messageReject()');
  return out;
}

export const SOURCE = {
  name: 'Movim',
  repo: 'movim/movim, branch master',
  commit: 'bf78626030440482a5b321ae8d061807040f86d6 (2026-08-06; tag v0.34.1)',
  files: [
    'src/Movim/Librairies/SDPtoJingle.php',
    'app/Widgets/Visio/Visio.php',
    'public/scripts/movim_jingles.js',
    'src/Moxl/Stanza/Jingle.php',
  ],
  input: 'Movim converts the SDP of the user\'s browser on its server; the Chromium (and one Firefox) SDP and '
    + 'candidates of ../chrome and ../firefox are that input.',
  notes: [
    '`initiator` is the sender\'s BARE JID and `responder` the peer\'s JID on every converted jingle, also on the '
      + 'session-accept (where they are the wrong way round) and on transport-info.',
    'Inside each content the `<transport>` comes before the `<description>`.',
    'Each source gets an extra `msid` parameter (the media-level a=msid, full) before every non-msid a=ssrc '
      + 'parameter, and the a=ssrc msid parameter keeps only the stream id: a Chromium audio source reads '
      + 'msid(full), cname, msid(stream id only).',
    'Dropped: value-only fmtp tokens (RED 111/111, telephone-event 0-15), a=ssrc-group (no FID groups), '
      + 'a=extmap-allow-mixed, a=rtcp-rsize, a=sctp-port and a=max-message-size (the data content has only an '
      + 'RTP `<description media=\'application\'/>` and a transport), a=rid/a=simulcast.',
    'Candidates keep Chromium\'s non-standard `network-id` (and `network-cost`) as attributes, plus `tcptype`.',
    'Every transport-info carries ufrag and pwd; there is no end-of-candidates message.',
    'XEP-0353 retract and finish carry a jingle `<reason>` with `<text>`; propose lists video before audio.',
  ],
};
