// A minimal StanzaJS Jingle client page, bundled by ../build-stanza-client.mjs (esbuild) into dist/client.js.
// It is the XMPP side of the browser tests (stanza-call.mjs) and of the quickstart's two-tab call.
// Test hook: window.stanzaClient (status, jid, connectionState, lastEndReason, call(), hangup(), stats()).
import * as XMPP from 'stanza';

const $ = (id) => document.getElementById(id);
const state = { client: null, session: null, status: 'offline', lastEndReason: null, events: [], sessions: 0,
  errors: [] };

function log(text) {
  state.events.push(text);
  $('log').textContent += text + '\n';
}

function setStatus(status) {
  state.status = status;
  $('status').textContent = status;
}

function watch(session) {
  state.session = session;
  state.lastEndReason = null;
  const pc = session.pc;
  pc.addEventListener('connectionstatechange', () => { $('pc').textContent = pc.connectionState; });
  pc.addEventListener('track', (e) => { $('remote').srcObject = e.streams[0] || new MediaStream([e.track]); });
}

async function media(video) {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video });
  $('local').srcObject = stream;
  return stream;
}

function login(jid, password, ws) {
  return new Promise((resolve, reject) => {
    const client = XMPP.createClient({
      jid, password, resource: 'web',
      transports: { websocket: ws, bosh: false },
      // back on the same full JID after its server restarts, so that its calls' peers still reach it
      autoReconnect: true,
      // never StanzaJS's default public STUN server: the tests stay on this machine
      jingle: { iceServers: [] },
    });
    state.client = client;
    client.on('session:started', () => {
      client.sendPresence();
      state.sessions += 1;
      if (state.sessions === 1) {
        setStatus('online');
      }
      log('online as ' + client.jid + ' (session ' + state.sessions + ')');
      resolve(client.jid);
    });
    client.on('disconnected', () => log('disconnected from the XMPP server'));
    // an error answering one of its Jingle requests: StanzaJS logs it and, unless it is unknown-session or a
    // tie-break, keeps the session (kept here so that the tests can tell what it got)
    client.jingle.on('log:error', (message, req) => {
      if (message === 'Received error response' && req && req.error) {
        state.errors.push({ condition: req.error.condition, text: req.error.text || null,
          action: req.jingle && req.jingle.action || null });
      }
    });
    client.on('auth:failed', () => { setStatus('login failed'); reject(new Error('authentication failed')); });
    client.on('jingle:incoming', async (session) => {
      log('incoming call from ' + session.peerID);
      watch(session);
      setStatus('answering');
      const wantsVideo = session.pc.getTransceivers().some((t) => t.receiver.track.kind === 'video');
      const stream = await media(wantsVideo);
      stream.getTracks().forEach((t) => session.addTrack(t, stream));
      session.accept();
      setStatus('in call');
    });
    client.on('jingle:outgoing', (session) => log('calling ' + session.peerID));
    client.on('jingle:terminated', (session, reason) => {
      state.lastEndReason = reason && reason.condition ? reason.condition : null;
      log('call ended: ' + state.lastEndReason);
      setStatus('ended');
    });
    client.connect();
  });
}

async function call(to, video) {
  const session = state.client.jingle.createMediaSession(to);
  watch(session);
  const stream = await media(video);
  stream.getTracks().forEach((t) => session.addTrack(t, stream));
  session.start();
  setStatus('calling');
}

function hangup(reason = 'success') {
  if (state.session) {
    state.session.end(reason);
  }
}

/** Sends a transport-info with the session's current ICE credentials and no candidate (a harmless request). */
function sendTransportInfo() {
  const desc = state.session.pc.localDescription.sdp;
  const mid = (/a=mid:(\S+)/.exec(desc) || [])[1];
  state.session.send('transport-info', { contents: [{ creator: 'initiator',
    name: mid, transport: { transportType: 'urn:xmpp:jingle:transports:ice-udp:1',
      usernameFragment: (/a=ice-ufrag:(\S+)/.exec(desc) || [])[1], password: (/a=ice-pwd:(\S+)/.exec(desc) || [])[1],
      candidates: [] } }] });
}

/** An ICE restart from StanzaJS's side (it restarts only as the initiator). */
function restartIce() {
  return state.session.restartIce();
}

async function stats() {
  const out = { connectionState: state.session ? state.session.pc.connectionState : 'closed',
    inbound: { audio: 0, video: 0 } };
  if (state.session) {
    (await state.session.pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && out.inbound[s.kind] !== undefined) {
        out.inbound[s.kind] += s.bytesReceived || 0;
      }
    });
  }
  return out;
}

window.stanzaClient = {
  get status() { return state.status; },
  get jid() { return state.client && state.client.jid; },
  get connectionState() { return state.session ? state.session.pc.connectionState : 'closed'; },
  get remoteDescription() {
    return state.session && state.session.pc.remoteDescription ? state.session.pc.remoteDescription.sdp : null;
  },
  get lastEndReason() { return state.lastEndReason; },
  get events() { return state.events; },
  get sessions() { return state.sessions; },
  get errors() { return state.errors; },
  login, call, hangup, stats, sendTransportInfo, restartIce,
};

const params = new URLSearchParams(location.search);
$('ws').value = params.get('ws') || 'ws://' + location.host + '/xmpp-websocket';
$('login').addEventListener('submit', (e) => {
  e.preventDefault();
  login($('jid').value, $('password').value, $('ws').value).catch((err) => log(err.message));
});
$('dial').addEventListener('submit', (e) => {
  e.preventDefault();
  call($('to').value, $('video').checked).catch((err) => log(err.message));
});
$('hangup').addEventListener('click', () => hangup());
