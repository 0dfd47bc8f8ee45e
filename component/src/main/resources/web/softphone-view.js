// The softphone's page: the elements of index.html, the event log, notices and errors, and how a state is shown.
// No call logic here: softphone.js decides, this module only draws.

const $ = (id) => document.getElementById(id);

export const ui = {
  registerForm: $('register-form'), register: $('register'), user: $('user'), token: $('token'), me: $('me'),
  connection: $('connection'), callForm: $('call-form'), to: $('to'), call: $('call'),
  incoming: $('incoming'), incomingFrom: $('incoming-from'), incomingMedia: $('incoming-media'),
  answer: $('answer'), reject: $('reject'), hangup: $('hangup'), mute: $('mute'), restart: $('restart'),
  callState: $('call-state'), callPeer: $('call-peer'), notice: $('notice'), error: $('error'),
  remoteVideo: $('remote-video'), mediaNote: $('media-note'), localVideo: $('local-video'), log: $('log'),
};

const IN_CALL = ['calling', 'ringing', 'connecting', 'active'];
const MAX_EVENTS = 500;
const MAX_LOG_LINES = 60;

/** Every line logged, newest last (the test hook's `events`); the page shows the newest few. */
export const events = [];

export function log(text) {
  const line = new Date().toISOString().slice(11, 23) + ' ' + text;
  events.push(line);
  if (events.length > MAX_EVENTS) {
    events.shift();
  }
  const li = document.createElement('li');
  li.textContent = line;
  ui.log.prepend(li);
  while (ui.log.childElementCount > MAX_LOG_LINES) {
    ui.log.lastElementChild.remove();
  }
}

export function notice(text) {
  ui.notice.textContent = text;
}

export function showError(text) {
  ui.error.textContent = text;
  ui.error.hidden = !text;
}

/** The connection pill and the account form: `connection` is the SDK client's state, or 'closed' without one. */
export function showConnection(connection, jid) {
  const text = { connecting: 'connecting…', registered: 'connected', reconnecting: 'reconnecting…' }[connection]
    || 'not connected';
  ui.connection.textContent = text;
  ui.connection.className = 'pill ' + (connection === 'registered' ? 'pill-on'
    : connection === 'reconnecting' || connection === 'connecting' ? 'pill-wait' : 'pill-off');
  const bound = connection !== 'closed';
  ui.user.disabled = bound;
  ui.token.disabled = bound;
  ui.register.disabled = bound;
  if (connection === 'registered') {
    ui.me.textContent = 'Registered as ' + jid;
  } else if (connection === 'reconnecting') {
    ui.me.textContent = 'Reconnecting as ' + jid + '…';
  }
}

/** The call panel for a page state (idle | calling | ringing | incoming | connecting | active | ended). */
export function showState(state, call, registered) {
  ui.callState.textContent = state;
  ui.callState.className = 'state state-' + state;
  ui.callPeer.textContent = call && state !== 'idle' ? (call.direction === 'outgoing' ? 'to ' : 'from ') + call.peer
    : '';
  const inCall = IN_CALL.includes(state);
  ui.call.disabled = !registered || inCall || state === 'incoming';
  ui.hangup.disabled = !inCall;
  ui.mute.disabled = !(call && call.localStream) || !inCall;
  ui.restart.disabled = state !== 'active';
  ui.incoming.hidden = state !== 'incoming';
  ui.localVideo.parentElement.hidden = Boolean(call && inCall && !call.media.video);
  ui.mediaNote.textContent = !call || !inCall ? 'No call'
    : state !== 'active' ? 'Waiting for media…' : call.media.video ? '' : 'Audio only';
}

export function showIncoming(call) {
  ui.incomingFrom.textContent = call.peer;
  ui.incomingMedia.textContent = (call.offeredMedia || ['audio']).join(', ');
}

export function showMute(muted) {
  ui.mute.textContent = muted ? 'Unmute' : 'Mute';
  ui.mute.setAttribute('aria-pressed', String(muted));
}

export function showStreams(local, remote) {
  if (ui.localVideo.srcObject !== local) {
    ui.localVideo.srcObject = local;
  }
  if (ui.remoteVideo.srcObject !== remote) {
    ui.remoteVideo.srcObject = remote;
    if (remote) {
      ui.remoteVideo.play().catch(() => {});
    }
  }
}

const NO_STATS = { connectionState: '-', iceConnectionState: '-', signalingState: '-', iceGatheringState: '-',
  inbound: { audio: 0, video: 0 }, outbound: { audio: 0, video: 0 } };

export function showStats(s) {
  const v = s || NO_STATS;
  $('st-connection').textContent = v.connectionState;
  $('st-ice').textContent = v.iceConnectionState;
  $('st-signaling').textContent = v.signalingState;
  $('st-gathering').textContent = v.iceGatheringState;
  $('st-in-audio').textContent = v.inbound.audio.toLocaleString('en');
  $('st-in-video').textContent = v.inbound.video.toLocaleString('en');
  $('st-out-audio').textContent = v.outbound.audio.toLocaleString('en');
  $('st-out-video').textContent = v.outbound.video.toLocaleString('en');
}
