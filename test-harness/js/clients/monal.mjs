// Monal (iOS/macOS, libwebrtc): converts libwebrtc's SDP with its Rust crate rust/sdp-to-jingle, which parses
// the SDP with Mozilla's webrtc-sdp 0.3.10 and serialises serde structs with quick-xml.
// Modelled on monal-im/Monal at 133bfd39 (2024-10-23):
//   rust/sdp-to-jingle/src/xep_0167.rs  from_sdp(): session a=group -> <group> first; a session-level
//        extmap-allow-mixed is copied into every description; each m-line with numeric formats becomes
//        content(xmlns, creator='initiator', senders (always, default both), name=mid) holding the <transport>
//        FIRST and the <description> after it (data-channel m-lines are skipped entirely); description items in
//        SDP attribute order (extmap-allow-mixed without namespace, rtp-hdrext, rtcp-fb '*', rtcp-mux,
//        ssrc-group, bandwidth) then payload-types and sources from HashMaps (iteration order not fixed);
//        payload-type(id, name, clockrate, channels when present) whose children are rtcp-fb and parameters in
//        SDP line order; fmtp re-encoded from webrtc-sdp's parsed fields: names with underscores
//        (packetization_mode, level_asymmetry_allowed, profile_level_id as a decimal number, twice), booleans as
//        "true", RED's 111/111 as two `encodings` parameters, telephone-event's 0-15 as `dtmp_tones`
//   rust/sdp-to-jingle/src/xep_0176.rs  transport(xmlns, pwd, ufrag) with <trickle> (ice-options, namespace
//        http://gultsch.de/xmpp/drafts/jingle/transports/ice-udp/option), candidates, fingerprint last;
//        candidate(xmlns, id = nanoseconds of the clock, component, foundation, generation (0 if absent), ip,
//        port, priority, protocol, rel-addr, rel_port (sic), type); no network
//   rust/sdp-to-jingle/src/xep_0294.rs, xep_0293.rs, xep_0339.rs, xep_0338.rs, xep_0320.rs
//   Monal/Classes/MLCall.m  session-initiate/accept iq: jingle(action, sid) without initiator; one
//        transport-info per local candidate (HelperTools candidate2xml: a dummy SDP with the candidate, the
//        local pwd and the candidate's ufrag; the dummy description is removed); XEP-0353 propose (store hint,
//        to the bare JID), ringing, proceed, reject(reason busy), retract(reason cancel), finish(reason) preceded by
//        a session-terminate; message ids are upper-case UUIDs
import { el } from '../lib/xml.mjs';
import { NS } from '../lib/ns.mjs';
import * as S from '../lib/sdp.mjs';
import * as ids from '../lib/ids.mjs';


export const SELF = 'romeo@example.net/Monal-iOS.1a2b3c4d';
export const PEER = 'juliet@example.com/balcony';
const sid = ids.uuid('monal-sid').toUpperCase();
const upperUuid = (label) => ids.uuid(label).toUpperCase();

// webrtc-sdp's view of an fmtp line, written back the way the Rust code does.
function fmtpParams(codec, fmtp) {
  const out = [];
  if (fmtp === null) {
    return out;
  }
  const fields = {};
  const unknown = [];
  const encodings = [];
  let dtmf = null;
  let rtx = null;
  for (const token of fmtp.split(';')) {
    const [key, value] = token.split('=');
    const numeric = { 'packetization-mode': 'packetization_mode', 'max-fs': 'max_fs', 'max-cpb': 'max_cpb',
      'max-dpb': 'max_dpb', 'max-br': 'max_br', 'max-mbps': 'max_mbps', 'max-fr': 'max_fr',
      maxplaybackrate: 'maxplaybackrate', maxaveragebitrate: 'maxaveragebitrate', minptime: 'minptime' };
    const flags = { 'level-asymmetry-allowed': 'level_asymmetry_allowed', usedtx: 'usedtx', stereo: 'stereo',
      useinbandfec: 'useinbandfec', cbr: 'cbr' };
    if (value === undefined && /^\d+(\/\d+)+$/.test(key)) {
      encodings.push(...key.split('/'));
    } else if (value === undefined && /^[\d,-]+$/.test(key) && codec === 'telephone-event') {
      dtmf = key;
    } else if (numeric[key]) {
      fields[numeric[key]] = value;
    } else if (flags[key]) {
      fields[flags[key]] = value === '1' ? 'true' : 'false';
    } else if (key === 'profile-level-id') {
      fields.profile_level_id = String(parseInt(value, 16));
    } else if (key === 'apt') {
      rtx = value;
    } else {
      unknown.push(token);
    }
  }
  const push = (name) => {
    if (fields[name] !== undefined && fields[name] !== '0' && fields[name] !== 'false') {
      out.push([name, fields[name]]);
    }
  };
  push('packetization_mode');
  push('level_asymmetry_allowed');
  push('profile_level_id');
  if (fields.profile_level_id !== undefined && fields.profile_level_id !== String(0x420010)) {
    out.push(['profile_level_id', fields.profile_level_id]);
  }
  ['max_fs', 'max_cpb', 'max_dpb', 'max_br', 'max_mbps', 'max_fr'].forEach(push);
  if (fields.maxplaybackrate !== undefined && fields.maxplaybackrate !== '48000') {
    out.push(['maxplaybackrate', fields.maxplaybackrate]);
  }
  ['maxaveragebitrate', 'usedtx', 'stereo', 'useinbandfec', 'cbr', 'minptime'].forEach(push);
  encodings.forEach((e) => out.push(['encodings', e]));
  if (dtmf !== null) {
    out.push(['dtmp_tones', dtmf]);
  }
  if (rtx !== null) {
    out.push(['apt', rtx]);
  }
  for (const token of unknown) {
    const [name, value] = token.split('=');
    if (value !== undefined) {
      out.push([name, value]);
    }
  }
  return out;
}

// Lines webrtc-sdp 0.3.10 does not know. Monal calls parse_sdp(sdp, true), which fails on the first such
// warning, so its libwebrtc must not write them; the Chromium stand-in input is used without them.
const UNKNOWN_TO_WEBRTC_SDP = ['a=rtcp-xr'];

// A fixed stand-in for Rust HashMap iteration order: deterministic per label, not the SDP order.
function hashOrder(items, label) {
  return [...items].sort((a, b) => ids.hex(label + a.key, 8).localeCompare(ids.hex(label + b.key, 8)));
}

function candidate(init, label) {
  const c = S.parseCandidate(init.candidate);
  return el('candidate', { xmlns: NS.ice, id: String(ids.bytes(label, 4).readUInt32BE() % 1000000000),
    component: c.component, foundation: c.foundation, generation: c.ext.generation ?? '0', ip: c.ip, port: c.port,
    priority: c.priority, protocol: c.protocol.toLowerCase(), 'rel-addr': c.ext.raddr, rel_port: c.ext.rport, type: c.type });
}

function contents(sdp, initiator, label) {
  const out = [];
  const group = S.attr(sdp.session, 'group');
  if (group !== null) {
    const [semantics, ...names] = group.split(' ');
    out.push(el('group', { xmlns: NS.group, semantics }, names.map((name) => el('content', { name }))));
  }
  const globalMixed = S.has(sdp.session, 'extmap-allow-mixed');
  for (const section of sdp.media) {
    if (section.kind === 'application') {
      continue;
    }
    let senders = 'both';
    const items = [];
    if (globalMixed) {
      items.push(el('extmap-allow-mixed'));
    }
    const pts = new Map(section.fmts.map((id) => [id, { key: id, attrs: {}, children: [] }]));
    const sources = new Map();
    const transportItems = [];
    let fp = null;
    const transportAttrs = { xmlns: NS.ice, pwd: null, ufrag: null };
    for (const line of section.lines.filter((l) => !UNKNOWN_TO_WEBRTC_SDP.some((prefix) => l.startsWith(prefix)))) {
      const [name, value] = line.startsWith('a=') ? [line.slice(2).split(':')[0], line.slice(2 + line.slice(2).split(':')[0].length + 1)] : [null, null];
      if (name === 'extmap') {
        const [idDir, uri] = value.split(' ');
        const [id, dir] = idDir.split('/');
        const map = { recvonly: initiator ? 'responder' : 'initiator', sendonly: initiator ? 'initiator' : 'responder',
          sendrecv: 'both' };
        items.push(el('rtp-hdrext', { xmlns: NS.hdrext, id, uri, senders: dir ? map[dir] : null }));
      } else if (name === 'extmap-allow-mixed' && !globalMixed) {
        items.push(el('extmap-allow-mixed'));
      } else if (name === 'fingerprint') {
        const [hash, hex] = value.split(' ');
        fp = { hash, hex };
      } else if (name === 'setup') {
        fp.setup = value;
      } else if (name === 'ice-ufrag') {
        transportAttrs.ufrag = value;
      } else if (name === 'ice-pwd') {
        transportAttrs.pwd = value;
      } else if (name === 'ice-options') {
        for (const option of value.split(' ')) {
          if (option === 'trickle' || option === 'renomination') {
            transportItems.push(el(option, { xmlns: NS.iceOption }));
          }
        }
      } else if (name === 'rtpmap') {
        const [id, enc] = value.split(' ');
        const [codec, clockrate, channels] = enc.split('/');
        Object.assign(pts.get(id).attrs, { id, name: codec, clockrate, channels: channels ?? null });
      } else if (name === 'fmtp') {
        const id = value.split(' ')[0];
        const codec = S.rtpmaps(section).find((r) => r.id === id)?.name;
        pts.get(id).children.push(...fmtpParams(codec, value.slice(id.length + 1))
          .map(([n, v]) => el('parameter', { name: n, value: v })));
      } else if (name === 'rtcp-fb') {
        const [id, type, subtype] = value.split(' ');
        const fb = el('rtcp-fb', { xmlns: NS.fb, type, subtype: subtype ?? null });
        if (id === '*') {
          items.push(fb);
        } else {
          pts.get(id).children.push(fb);
        }
      } else if (name === 'rtcp-mux') {
        items.push(el('rtcp-mux'));
      } else if (name === 'ssrc-group') {
        const [semantics, ...ssrcs] = value.split(' ');
        items.push(el('ssrc-group', { xmlns: NS.ssma, semantics }, ssrcs.map((ssrc) => el('source', { ssrc }))));
      } else if (name === 'ssrc') {
        const space = value.indexOf(' ');
        const ssrc = value.slice(0, space);
        const rest = value.slice(space + 1);
        const colon = rest.indexOf(':');
        if (!sources.has(ssrc)) {
          sources.set(ssrc, { key: ssrc, params: [] });
        }
        sources.get(ssrc).params.push(colon < 0 ? [rest, null] : [rest.slice(0, colon), rest.slice(colon + 1)]);
      } else if (name === 'recvonly') {
        senders = initiator ? 'responder' : 'initiator';
      } else if (name === 'sendonly') {
        senders = initiator ? 'initiator' : 'responder';
      } else if (name === 'sendrecv') {
        senders = 'both';
      }
    }
    if (fp !== null) {
      transportItems.push(el('fingerprint', { xmlns: NS.dtls, hash: fp.hash, setup: fp.setup }, fp.hex));
    }
    for (const pt of hashOrder(pts.values(), label + 'pt')) {
      items.push(el('payload-type', pt.attrs, pt.children));
    }
    for (const source of hashOrder(sources.values(), label + 'ssrc')) {
      items.push(el('source', { xmlns: NS.ssma, ssrc: source.key },
        source.params.map(([n, v]) => el('parameter', { name: n, value: v }))));
    }
    out.push(el('content', { xmlns: NS.jingle, creator: 'initiator', senders, name: S.attr(section, 'mid') },
      el('transport', transportAttrs, transportItems),
      el('description', { xmlns: NS.rtp, media: section.kind }, items)));
  }
  return out;
}

const iq = (label, jingle) => el('iq', { xmlns: NS.client, type: 'set', to: PEER, id: upperUuid('monal-iq-' + label),
  from: SELF }, jingle);
const message = (label, to, child, store = true) => el('message', { xmlns: NS.client, type: 'chat', to,
  id: upperUuid('monal-msg-' + label), from: SELF }, child, store ? el('store', { xmlns: NS.hints }) : null);

export async function generate({ sdp, candidates }) {
  const out = [];
  const add = (file, node, note) => out.push({ file, node, note });
  const bare = (jid) => jid.split('/')[0];
  const audioOffer = await sdp('chrome/audio-offer.sdp');
  add('session-initiate-audio.xml', iq('si-a', el('jingle', { xmlns: NS.jingle, action: 'session-initiate', sid },
    contents(audioOffer, true, 'si-a'))), 'sdp_str_to_jingle_str(offer, initiator) on ../chrome/audio-offer.sdp');
  add('session-initiate-audio-video.xml', iq('si-av', el('jingle', { xmlns: NS.jingle, action: 'session-initiate', sid },
    contents(await sdp('chrome/audio-video-offer.sdp'), true, 'si-av'))),
  'the same on ../chrome/audio-video-offer.sdp');
  add('session-accept-audio.xml', iq('sa-a', el('jingle', { xmlns: NS.jingle, action: 'session-accept', sid },
    contents(await sdp('chrome/audio-answer.sdp'), false, 'sa-a'))),
  'sdp_str_to_jingle_str(answer, responder) on ../chrome/audio-answer.sdp');
  const pwd = S.attr(audioOffer.media[0], 'ice-pwd');
  const events = (await candidates('chrome/audio-offer.candidates.json')).filter((e) => e !== null && e.candidate);
  events.forEach((event, i) => {
    const n = String(i + 1).padStart(2, '0');
    const c = S.parseCandidate(event.candidate);
    add('transport-info-candidate-' + n + '.xml', iq('ti-' + n, el('jingle', { xmlns: NS.jingle, action: 'transport-info', sid },
      el('content', { xmlns: NS.jingle, creator: 'initiator', senders: 'both', name: event.sdpMid },
        el('transport', { xmlns: NS.ice, pwd, ufrag: c.ext.ufrag }, candidate(event, 'monal-cand-' + n))))),
    'didDiscoverLocalCandidate for event ' + (i + 1) + ' of ../chrome/audio-offer.candidates.json');
  });
  add('session-terminate-success.xml', iq('st', el('jingle', { xmlns: NS.jingle, action: 'session-terminate', sid },
    el('reason', { xmlns: NS.jingle }, el('success')))), 'sendJmiFinishWithReason("success"): the session-terminate part');
  add('jmi-propose-audio.xml', message('propose-a', bare(PEER), el('propose', { xmlns: NS.jmi, id: sid },
    el('description', { xmlns: NS.rtp, media: 'audio' }))), 'sendJmiPropose for an audio call');
  add('jmi-propose-audio-video.xml', message('propose-av', bare(PEER), el('propose', { xmlns: NS.jmi, id: sid },
    el('description', { xmlns: NS.rtp, media: 'audio' }), el('description', { xmlns: NS.rtp, media: 'video' }))),
  'sendJmiPropose for a video call');
  add('jmi-ringing.xml', message('ringing', PEER, el('ringing', { xmlns: NS.jmi, id: sid })), 'sendJmiRinging');
  add('jmi-proceed.xml', message('proceed', PEER, el('proceed', { xmlns: NS.jmi, id: sid })), 'sendJmiProceed');
  add('jmi-reject.xml', message('reject', PEER, el('reject', { xmlns: NS.jmi, id: sid },
    el('reason', { xmlns: NS.jingle }, el('busy')))), 'sendJmiReject: reason busy');
  add('jmi-retract.xml', message('retract', bare(PEER), el('retract', { xmlns: NS.jmi, id: sid },
    el('reason', { xmlns: NS.jingle }, el('cancel')))), 'sendJmiRetract: reason cancel, to the bare JID');
  add('jmi-finish.xml', message('finish', PEER, el('finish', { xmlns: NS.jmi, id: sid },
    el('reason', { xmlns: NS.jingle }, el('success')))), 'sendJmiFinishWithReason("success"): the JMI part');
  return out;
}

export const SOURCE = {
  name: 'Monal',
  repo: 'monal-im/Monal, branch develop',
  commit: '133bfd394ba3d6c789cee6bc39c0224c13e91dd5 (2024-10-23); rust/sdp-to-jingle 0.1.0 with webrtc-sdp 0.3.10',
  files: [
    'rust/sdp-to-jingle/src/lib.rs, jingle.rs, xep_0167.rs, xep_0176.rs, xep_0293.rs, xep_0294.rs, xep_0320.rs, '
      + 'xep_0338.rs, xep_0339.rs',
    'Monal/Classes/MLCall.m, Monal/Classes/HelperTools.m (candidate2xml), Monal/Classes/XMPPMessage.m',
  ],
  input: 'Monal converts the iOS libwebrtc SDP; the Chromium 156 SDP and candidates of ../chrome stand in for it '
    + '(an iPhone offers H264 first and other codecs). The Rust crate could not be built here (no crates registry), '
    + 'so its output is modelled; where it depends on webrtc-sdp\'s parsed fmtp fields (booleans, numbers) the '
    + 'module follows the field types of webrtc-sdp 0.3.10 as used by the crate. Monal parses with '
    + '`parse_sdp(sdp, true)`, which fails on the first attribute webrtc-sdp does not know: Chromium 156\'s '
    + '`a=rtcp-xr:rcvr-rtt=all` would make the whole conversion fail, so the input is used without that line.',
  notes: [
    'The `<transport>` precedes the `<description>` in every content, and every content repeats '
      + '`xmlns=\'urn:xmpp:jingle:1\'` and writes `senders=\'both\'`.',
    'The payload-type order is HashMap iteration order (it changes from run to run in Monal); the files use one '
      + 'fixed order that is deliberately not the m-line order. The offerer\'s codec preference is therefore lost.',
    'fmtp is rewritten: `useinbandfec` -> `true`, RED `111/111` -> two `encodings` parameters (111, 111), H264 '
      + 'parameters with underscores and profile-level-id as a decimal number written twice, telephone-event '
      + '`0-15` -> `dtmp_tones`; rtcp-fb precede the parameters when the SDP lists them first.',
    '`<extmap-allow-mixed/>` carries no namespace (it lands in the RTP namespace), candidates use `rel_port` '
      + 'instead of `rel-port` and an `id` made of clock nanoseconds, and `<trickle/>` in the '
      + 'http://gultsch.de/xmpp/drafts/jingle/transports/ice-udp/option namespace marks a=ice-options:trickle.',
    'Data-channel m-lines are skipped, though the BUNDLE group still names them.',
    'Every transport-info repeats pwd; ufrag comes from the candidate string.',
  ],
};
