// A minimal StanzaJS Jingle client page, bundled by ../build-stanza-client.mjs (esbuild) into dist/client.js.
// It is the XMPP side of the browser tests (stanza-call.mjs) and of the quickstart's two-tab call.
// Test hook: window.stanzaClient (status, jid, connectionState, lastEndReason, call(), hangup(), stats()).
import * as XMPP from 'stanza';

const $ = (id) => document.getElementById(id);
const state = { client: null, session: null, status: 'offline', lastEndReason: null, events: [] };

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
      // never StanzaJS's default public STUN server: the tests stay on this machine
      jingle: { iceServers: [] },
    });
    state.client = client;
    client.on('session:started', () => {
      client.sendPresence();
      setStatus('online');
      log('online as ' + client.jid);
      resolve(client.jid);
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
  get lastEndReason() { return state.lastEndReason; },
  get events() { return state.events; },
  login, call, hangup, stats,
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
