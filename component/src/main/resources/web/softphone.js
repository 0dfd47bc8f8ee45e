// jingle-gateway softphone: one page, one call at a time, a thin UI on the browser SDK (/sdk/jingle-gateway.js,
// docs/sdk.md), which speaks the protocol of docs/protocol.md and resumes after a dropped socket.
// No build step and no external URLs: the ICE servers are the gateway's, media from getUserMedia.
import { connect, describeError, describeReason } from './sdk/jingle-gateway.js';
import { wsUrls } from './softphone-url.js';
import {
  events, log, notice, showConnection, showError, showIncoming, showMute, showState, showStats, showStreams, ui,
} from './softphone-view.js';

const app = {
  client: null,
  call: null,           // the one current call (an SDK Call)
  previousCall: null,
  state: 'idle',        // idle | calling | ringing | incoming | connecting | active | ended
  lastHangup: null,     // { callId, reason, text, by: 'local'|'remote' }
  lastError: null,      // { callId, code, message }
  resumes: 0,           // registrations that resumed the device (calls kept)
};

function setState(state) {
  app.state = state;
  showState(state, app.call, Boolean(app.client && app.client.state === 'registered'));
  log('state ' + state);
}

function render() {
  const client = app.client;
  showConnection(client ? client.state : 'closed', client ? client.jid : null);
  showState(app.state, app.call, Boolean(client && client.state === 'registered'));
}

// ---- the connection ------------------------------------------------------------------------------------------

async function register(user, token) {
  showError('');
  if (app.client && app.client.state !== 'closed') {
    return;
  }
  let urls;
  try {
    urls = await wsUrls();
  } catch (e) {
    showError(e.message);
    return;
  }
  const client = connect(urls.length === 1 ? urls[0] : urls, { user, token: token || undefined });
  app.client = client;
  client.on('log', ({ text }) => log(text));
  client.on('state', render);
  client.on('registered', ({ jid, resumed }) => {
    showError('');
    render();
    if (resumed) {
      app.resumes++;
      notice('Reconnected to the gateway; calls went on.');
    }
    log('registered ' + jid + (resumed ? ' (resumed)' : ''));
  });
  client.on('reconnecting', ({ attempt, resumable }) => {
    notice('Connection to the gateway lost; reconnecting' + (attempt > 1 ? ' (attempt ' + attempt + ')' : '')
      + (resumable && app.call ? '. The call goes on meanwhile.' : '…'));
  });
  client.on('reconnected', ({ resumed }) => {
    if (!resumed) {
      notice('Reconnected to the gateway.');
    }
  });
  client.on('incoming', onIncoming);
  client.on('error', onError);
  client.on('closed', ({ reason }) => {
    if (app.client === client) {
      ui.me.textContent = 'Not registered (' + reason + ').';
      render();
    }
  });
  client.ready.catch((e) => showError(describeError(e.code, e.message)));
  render();
}

function onError(error) {
  app.lastError = { callId: error.callId || null, code: error.code, message: error.message || '' };
  showError(describeError(error.code, error.message));
}

// ---- calls ---------------------------------------------------------------------------------------------------

/** Shows a call of the SDK on the page: its states, streams and ending. */
function follow(call) {
  app.call = call;
  call.on('state', ({ state }) => {
    if (app.call === call && state !== 'ended') {
      setState(state);
    }
  });
  call.on('error', onError);
  call.on('ringing', () => notice('Ringing…'));
  call.on('answered', () => notice('Answered; connecting media…'));
  call.on('localstream', ({ stream }) => {
    showStreams(stream, call.remoteStream);
    setState(app.state);   // the microphone is ours now: mute becomes possible
  });
  call.on('track', ({ stream }) => showStreams(call.localStream, stream));
  call.on('mute', ({ muted }) => showMute(muted));
  call.on('info', ({ info, name }) => notice('The other side: ' + info + (name ? ' (' + name + ')' : '') + '.'));
  call.on('restart', ({ by, answered }) => notice(by === 'remote' ? 'The other side restarted ICE.'
    : answered ? 'ICE restart answered.' : 'ICE restart sent…'));
  call.on('connectionstate', ({ connectionState }) => {
    log('connectionState ' + connectionState);
    refreshStats();
    if (connectionState === 'connected' && app.call === call) {
      notice('Connected.');
    } else if (connectionState === 'failed' && app.call === call) {
      notice('The media connection failed; try an ICE restart or hang up.');
    }
  });
  call.on('iceconnectionstate', ({ iceConnectionState }) => {
    log('iceConnectionState ' + iceConnectionState);
    refreshStats();
  });
  call.on('hangup', ({ reason, text, by }) => {
    app.lastHangup = { callId: call.id, reason, text: text || '', by };
    if (app.call !== call) {
      return;
    }
    app.previousCall = call;
    app.call = null;
    showStreams(null, null);
    showMute(false);
    setState('ended');
    notice((by === 'remote' ? 'The other side ended the call: ' : 'Call ended: ') + describeReason(reason)
      + (text ? ' (' + text + ')' : '') + '.');
    showStats(null);
  });
}

function placeCall(to, video) {
  if (app.call || !app.client || app.client.state !== 'registered') {
    return;
  }
  showError('');
  const call = app.client.call(to, { audio: true, video });
  follow(call);
  setState('calling');
  notice('Calling ' + to + '…');
}

function onIncoming(call) {
  if (app.call) {
    call.reject();   // one call at a time: busy
    return;
  }
  follow(call);
  showIncoming(call);
  setState('incoming');
  notice('Incoming call from ' + call.peer + '.');
}

function acceptCall() {
  if (app.call && app.state === 'incoming') {
    notice('Answering…');
    app.call.accept();
  }
}

function rejectCall() {
  if (app.call && app.state === 'incoming') {
    app.call.reject();
  }
}

function hangup(reason) {
  if (app.call) {
    app.call.hangup(reason || 'success');
  }
}

function toggleMute() {
  if (app.call && app.call.localStream) {
    app.call.mute();
  }
}

function iceRestart() {
  if (app.call && app.call.pc) {
    app.call.restartIce();
  }
}

// ---- stats ---------------------------------------------------------------------------------------------------

const CLOSED_STATS = { connectionState: 'closed', iceConnectionState: 'closed', signalingState: 'closed',
  iceGatheringState: 'complete', inbound: { audio: 0, video: 0 }, outbound: { audio: 0, video: 0 },
  localUfrag: null, selectedCandidatePairChanges: 0 };

async function stats() {
  const s = app.call ? await app.call.stats() : CLOSED_STATS;
  return { state: app.state, ...s };
}

function refreshStats() {
  if (app.call && app.call.pc) {
    stats().then(showStats).catch(() => {});
  }
}

setInterval(refreshStats, 1000);

// ---- user actions --------------------------------------------------------------------------------------------

ui.registerForm.addEventListener('submit', (event) => {
  event.preventDefault();
  register(ui.user.value.trim(), ui.token.value.trim());
});
ui.callForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const media = ui.callForm.querySelector('input[name=media]:checked').value;
  placeCall(ui.to.value.trim(), media === 'video');
});
ui.answer.addEventListener('click', acceptCall);
ui.reject.addEventListener('click', rejectCall);
ui.hangup.addEventListener('click', () => hangup('success'));
ui.mute.addEventListener('click', toggleMute);
ui.restart.addEventListener('click', iceRestart);

// ---- test hook: state without scraping the DOM -----------------------------------------------------------------

const current = () => app.call || app.previousCall;

window.softphone = {
  get state() { return app.state; },
  get jid() { return app.client && app.client.state !== 'closed' ? app.client.jid : null; },
  /** The SDK client's state: connecting | registered | reconnecting | closed (or closed before any). */
  get connection() { return app.client ? app.client.state : 'closed'; },
  /** The gateway socket URL in use (with ?gateways=, the instance registered on last), and resumes so far. */
  get url() { return app.client ? app.client.url : null; },
  get resumes() { return app.resumes; },
  get callId() { return app.call ? app.call.id : null; },
  get connectionState() { return app.call && app.call.pc ? app.call.pc.connectionState : 'closed'; },
  get iceConnectionState() { return app.call && app.call.pc ? app.call.pc.iceConnectionState : 'closed'; },
  get lastHangup() { return app.lastHangup; },
  get lastHangupReason() { return app.lastHangup ? app.lastHangup.reason : null; },
  get lastError() { return app.lastError; },
  get events() { return events.slice(); },
  get restarts() {
    const c = current();
    return c ? { ...c.restarts } : null;
  },
  // {startedAt, connectedAt} in Date.now() milliseconds, of the current or last call
  get timing() {
    const c = current();
    return c ? { startedAt: c.startedAt, connectedAt: c.connectedAt } : null;
  },
  descriptions() {
    const c = current();
    return c ? c.descriptions() : { local: null, remote: null };
  },
  /** Drops the page's socket as a network failure would: the SDK resumes on a new one (docs/sdk.md). */
  dropSocket() {
    if (app.client) {
      app.client.dropSocket();
    }
  },
  stats,
  register, call: placeCall, accept: acceptCall, reject: rejectCall, hangup, mute: toggleMute, iceRestart,
};

setState('idle');
render();
