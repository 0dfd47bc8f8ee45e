// A bare client of the gateway's browser protocol (docs/protocol.md) for the resume test (../resume-call.mjs):
// it registers, answers an incoming offer with audio, trickles candidates both ways, and has a test hook that
// closes its own WebSocket mid-call and resumes the device on a new one with the token of the last "registered".
// Plain browser JavaScript, no bundling; it is not the softphone and holds no UI.
'use strict';

const state = {
  url: null, user: null, ws: null, jid: null, token: null, callId: null, pc: null,
  remoteSet: false, pendingCandidates: [], outbox: [], waiters: [], events: [],
  status: 'offline', lastHangup: null, resumed: null,
};

function log(text) {
  state.events.push(text);
  document.getElementById('log').textContent += text + '\n';
}

function send(frame) {
  if (state.ws && state.ws.readyState === WebSocket.OPEN) {
    state.ws.send(JSON.stringify(frame));
  } else {
    // the socket is away: frames wait for the resume, in order
    state.outbox.push(frame);
  }
}

/** The next frame of this type; an error frame meanwhile rejects. */
function next(type) {
  return new Promise((resolve, reject) => state.waiters.push({ type, resolve, reject }));
}

function open(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.onopen = () => resolve(ws);
    ws.onerror = () => reject(new Error('cannot open ' + url));
    ws.onmessage = (e) => onFrame(JSON.parse(e.data));
  });
}

async function onFrame(frame) {
  log('< ' + frame.type + (frame.code ? ' ' + frame.code : ''));
  for (const w of state.waiters.splice(0)) {
    if (w.type === frame.type) {
      w.resolve(frame);
    } else if (frame.type === 'error') {
      w.reject(new Error(frame.code + ': ' + frame.message));
    } else {
      state.waiters.push(w);
    }
  }
  try {
    if (frame.type === 'registered') {
      state.jid = frame.jid;
      state.token = frame.resume;
    } else if (frame.type === 'offer') {
      await answer(frame);
    } else if (frame.type === 'candidate') {
      await remoteCandidate(frame);
    } else if (frame.type === 'hangup') {
      state.lastHangup = frame.reason;
      state.status = 'ended';
      if (state.pc) {
        state.pc.close();
      }
    }
  } catch (e) {
    log('failed on ' + frame.type + ': ' + e.message);
  }
}

async function answer(frame) {
  if (!state.pc) {
    state.callId = frame.callId;
    state.pc = new RTCPeerConnection({ iceServers: [] });
    state.pc.onicecandidate = (e) => send({ type: 'candidate', callId: state.callId,
      candidate: e.candidate ? e.candidate.candidate : '', sdpMid: e.candidate ? e.candidate.sdpMid : null,
      sdpMLineIndex: e.candidate ? e.candidate.sdpMLineIndex : null,
      usernameFragment: e.candidate ? e.candidate.usernameFragment : null });
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    stream.getTracks().forEach((t) => state.pc.addTrack(t, stream));
  }
  await state.pc.setRemoteDescription({ type: 'offer', sdp: frame.sdp });
  state.remoteSet = true;
  for (const c of state.pendingCandidates.splice(0)) {
    await state.pc.addIceCandidate(c);
  }
  await state.pc.setLocalDescription(await state.pc.createAnswer());
  send({ type: 'answer', callId: state.callId, sdp: state.pc.localDescription.sdp });
  state.status = 'in call';
}

async function remoteCandidate(frame) {
  if (frame.candidate === '') {
    return;
  }
  const c = { candidate: frame.candidate, sdpMid: frame.sdpMid, sdpMLineIndex: frame.sdpMLineIndex };
  if (state.remoteSet) {
    await state.pc.addIceCandidate(c);
  } else {
    state.pendingCandidates.push(c);
  }
}

async function register(url, user) {
  state.url = url;
  state.user = user;
  state.ws = await open(url);
  const registered = next('registered');
  send({ type: 'register', user });
  await registered;
  state.status = 'registered';
  return state.jid;
}

/**
 * The test hook: closes this page's socket (status 1000, as a page does), waits gapMs with the call going on, then
 * resumes the device on a new socket. Returns what the resume's "registered" said.
 */
async function dropAndResume(gapMs) {
  const old = state.ws;
  const before = { jid: state.jid, token: state.token };
  const closed = new Promise((resolve) => old.addEventListener('close', (e) => resolve(e.code)));
  old.close(1000, 'test hook: dropped');
  const code = await closed;
  old.onmessage = null;
  state.ws = null;
  log('socket closed ' + code);
  await new Promise((resolve) => setTimeout(resolve, gapMs));
  state.ws = await open(state.url);
  const registered = next('registered');
  state.ws.send(JSON.stringify({ type: 'register', user: state.user, resume: before.token }));
  const r = await registered;
  for (const frame of state.outbox.splice(0)) {
    send(frame);
  }
  state.resumed = { closeCode: code, sameJid: r.jid === before.jid, newToken: !!r.resume && r.resume !== before.token,
    calls: r.calls, callId: state.callId };
  return state.resumed;
}

function hangup() {
  send({ type: 'hangup', callId: state.callId });
  state.status = 'ended';
  state.lastHangup = 'success';
  if (state.pc) {
    state.pc.close();
  }
}

async function stats() {
  const out = { connectionState: state.pc ? state.pc.connectionState : 'closed', inbound: { audio: 0, video: 0 } };
  if (state.pc) {
    (await state.pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && out.inbound[s.kind] !== undefined) {
        out.inbound[s.kind] += s.bytesReceived || 0;
      }
    });
  }
  return out;
}

window.resumePage = {
  get status() { return state.status; },
  get jid() { return state.jid; },
  get connectionState() { return state.pc ? state.pc.connectionState : 'closed'; },
  get lastHangup() { return state.lastHangup; },
  get events() { return state.events; },
  register, dropAndResume, hangup, stats,
};
