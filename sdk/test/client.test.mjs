// The SDK's state handling against a fake socket and a fake peer connection (test/fakes.mjs): registration,
// calls both ways, errors, and resume after a dropped socket (docs/protocol.md, docs/sdk.md).
//   node --test sdk/test/            (Maven runs it in the component's test phase)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, describeError } from '../jingle-gateway.js';
import { FakePeerConnection, FakeSocket, MemoryStorage, fakeBrowser, settle } from './fakes.mjs';

const URL = 'ws://gw.test/ws';
const JID = 'alice@gw.test/web-aaaa';

/** A client registered on its first socket, with the resume token `r1`. */
async function registered(options = {}, browser = fakeBrowser()) {
  const client = connect(URL, { user: 'alice', ...options, env: browser.env });
  const socket = FakeSocket.last();
  socket.open();
  await settle();
  socket.receive({ type: 'registered', jid: JID, resume: 'r1', iceServers: [{ urls: ['stun:stun.test:3478'] }] });
  assert.equal(await client.ready, JID);
  return { client, socket, ...browser };
}

function record(emitter, ...types) {
  const seen = [];
  for (const type of types) {
    emitter.on(type, (detail) => seen.push([type, detail]));
  }
  return seen;
}

/** An outgoing call that has sent its `call` frame and got its answer. */
async function outgoingCall(client, socket) {
  const call = client.call('bob@example.org', { audio: true, video: false });
  await settle();
  assert.equal(socket.frames('call').length, 1);
  socket.receive({ type: 'answer', callId: call.id, sdp: 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n' });
  await settle();
  FakePeerConnection.last().connect();
  assert.equal(call.state, 'active');
  return call;
}

test('register_sendsUserAndToken_thenReadyResolvesWithTheJidAndIceServersAreKept', async () => {
  const { client, socket } = await registered({ token: 'jwt-1' });
  assert.deepEqual(socket.sent[0], { type: 'register', user: 'alice', token: 'jwt-1' });
  assert.equal(client.state, 'registered');
  assert.equal(client.jid, JID);
  assert.deepEqual(client.iceServers, [{ urls: ['stun:stun.test:3478'] }]);
});

test('tokenFunction_isAskedAgainAtEveryRegistration', async () => {
  let n = 0;
  const { client, timers } = await registered({ token: async () => 'jwt-' + (++n) });
  FakeSocket.last().drop();
  timers.runAll();
  const second = FakeSocket.last();
  second.open();
  await settle();
  assert.equal(second.sent[0].token, 'jwt-2');
  assert.equal(second.sent[0].resume, 'r1');
  assert.equal(client.state, 'reconnecting');
});

test('authFailed_rejectsReadyClosesTheClientAndNeverReconnects', async () => {
  const browser = fakeBrowser();
  const client = connect(URL, { user: 'alice', token: 'bad', env: browser.env });
  const seen = record(client, 'error', 'closed');
  const socket = FakeSocket.last();
  socket.open();
  await settle();
  socket.receive({ type: 'error', code: 'auth-failed', message: 'the token has expired' });
  await assert.rejects(client.ready, (e) => e.code === 'auth-failed');
  assert.equal(client.state, 'closed');
  assert.deepEqual(seen.map(([t]) => t), ['error', 'closed']);
  socket.drop(1008);
  assert.equal(browser.timers.pending.size, 0, 'no reconnection planned');
  assert.equal(FakeSocket.instances.length, 1);
});

test('unreachableGateway_rejectsReadyWithUnreachable', async () => {
  const browser = fakeBrowser();
  const client = connect(URL, { user: 'alice', env: browser.env });
  FakeSocket.last().drop(1006);
  await assert.rejects(client.ready, (e) => e.code === 'unreachable' && e.message.includes(URL));
  assert.equal(client.state, 'closed');
});

test('badArguments_throwAtOnceWithWhatWasWrong', () => {
  const browser = fakeBrowser();
  assert.throws(() => connect('http://gw.test/ws', { user: 'a', env: browser.env }), /ws:\/\/ or wss:\/\//);
  assert.throws(() => connect(URL, { env: browser.env }), /user must be a non-empty string/);
});

test('outgoingCall_sendsCallThenHeldCandidates_andFollowsRingingAnsweredActive', async () => {
  const { client, socket } = await registered();
  const call = client.call('bob@example.org', { video: true });
  const seen = record(call, 'ringing', 'answered', 'hangup');
  const states = [];
  call.on('state', ({ state }) => states.push(state));
  await settle();
  const pc = FakePeerConnection.last();
  assert.deepEqual(pc.config, { iceServers: [{ urls: ['stun:stun.test:3478'] }] });
  // candidates gathered before the call frame went out... (here: after it, sent at once)
  pc.candidate({ candidate: 'candidate:1 1 udp 1 192.0.2.2 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 });
  pc.candidate(null);
  pc.candidate(null);   // a second end for the same generation is not sent again
  const types = socket.sent.slice(1).map((f) => f.type + (f.type === 'candidate' ? ':' + f.candidate : ''));
  assert.deepEqual(types, ['call', 'candidate:candidate:1 1 udp 1 192.0.2.2 5000 typ host', 'candidate:']);
  assert.equal(socket.frames('call')[0].to, 'bob@example.org');
  assert.match(socket.frames('candidate')[0].usernameFragment, /^u\d+$/);
  socket.receive({ type: 'ringing', callId: call.id });
  socket.receive({ type: 'answer', callId: call.id, sdp: 'v=0\r\nm=audio 9 X 111\r\n' });
  await settle();
  pc.connect();
  assert.deepEqual(states, ['ringing', 'connecting', 'active']);
  socket.receive({ type: 'hangup', callId: call.id, reason: 'busy', text: 'in a meeting' });
  assert.deepEqual(seen.map(([t]) => t), ['ringing', 'answered', 'hangup']);
  assert.deepEqual(call.ended, { reason: 'busy', text: 'in a meeting', by: 'remote' });
  assert.equal(pc.closed, true);
  assert.equal(client.calls.length, 0);
});

test('fatalCallError_whileSettingUp_hangsUpWithFailedApplicationOnBothSides', async () => {
  const { client, socket } = await registered();
  const clientErrors = record(client, 'error');
  const call = client.call('nobody');
  const errors = record(call, 'error');
  await settle();
  socket.receive({ type: 'error', callId: call.id, code: 'bad-jid', message: '"nobody" is not a JID' });
  assert.equal(call.state, 'ended');
  assert.equal(call.ended.reason, 'failed-application');
  assert.deepEqual(socket.frames('hangup'), [{ type: 'hangup', callId: call.id, reason: 'failed-application' }]);
  assert.equal(errors[0][1].code, 'bad-jid');
  // the gateway's unknown-call for that hangup is expected, not news
  socket.receive({ type: 'error', callId: call.id, code: 'unknown-call', message: 'no such call' });
  assert.equal(errors.length, 1);
  assert.equal(clientErrors.length, 0, "a call's errors are the call's events");
});

test('nonFatalCallError_keepsTheCall', async () => {
  const { client, socket } = await registered();
  const call = await outgoingCall(client, socket);
  socket.receive({ type: 'error', callId: call.id, code: 'not-supported', message: 'only ICE restarts' });
  assert.equal(call.state, 'active');
});

test('microphoneRefused_endsTheCallWithMediaErrorAndSaysSo', async () => {
  const browser = fakeBrowser({ mediaError: Object.assign(new Error('Permission denied'),
    { name: 'NotAllowedError' }) });
  const { client, socket } = await registered({}, browser);
  const call = client.call('bob@example.org');
  const errors = record(call, 'error');
  await settle();
  assert.equal(call.ended.reason, 'media-error');
  assert.equal(errors[0][1].code, 'media');
  assert.match(errors[0][1].message, /cannot use the microphone: Permission denied/);
  assert.equal(socket.frames('call').length, 0, 'no call frame for a call without media');
});

test('ring_thenAccept_sendsAccept_thenTheOfferIsAnswered', async () => {
  const { client, socket } = await registered();
  let incoming;
  client.on('incoming', (c) => { incoming = c; });
  socket.receive({ type: 'ring', callId: 'g1', from: 'bob@example.org/phone', media: ['audio', 'video'] });
  assert.equal(incoming.state, 'incoming');
  assert.deepEqual(incoming.offeredMedia, ['audio', 'video']);
  assert.equal(incoming.media.video, true);
  incoming.accept();
  assert.deepEqual(socket.frames('accept'), [{ type: 'accept', callId: 'g1' }]);
  socket.receive({ type: 'offer', callId: 'g1', from: 'bob@example.org/phone', sdp: 'v=0\r\nm=audio 9 X 0\r\n' });
  await settle();
  assert.equal(socket.frames('answer').length, 1);
  assert.equal(incoming.media.video, false, 'the offer had no video');
  assert.equal(incoming.state, 'connecting');
});

test('directOffer_isIncomingWithoutRing_andRejectSendsReject', async () => {
  const { client, socket } = await registered();
  const calls = [];
  client.on('incoming', (c) => calls.push(c));
  socket.receive({ type: 'offer', callId: 'g2', from: 'stanza@localhost/web', sdp: 'v=0\r\nm=audio 9 X 0\r\n'
    + 'm=video 9 X 96\r\n' });
  assert.equal(calls[0].direct, true);
  assert.equal(calls[0].media.video, true);
  calls[0].reject();
  assert.deepEqual(socket.frames('reject'), [{ type: 'reject', callId: 'g2' }]);
  assert.equal(calls[0].ended.reason, 'decline');
  // a late frame of the rejected call makes no new call
  socket.receive({ type: 'offer', callId: 'g2', from: 'stanza@localhost/web', sdp: 'v=0\r\n' });
  assert.equal(calls.length, 1);
  assert.equal(socket.frames('accept').length, 0, 'a direct offer is answered, never accepted');
});

test('remoteOfferWebRtcRefuses_endsTheCallWithFailedApplication', async () => {
  const { client, socket } = await registered();
  let call;
  client.on('incoming', (c) => { call = c; c.accept(); });
  socket.receive({ type: 'offer', callId: 'g3', from: 'x@y/z', sdp: 'v=0\r\nrefuse-me\r\n' });
  await settle();
  assert.equal(call.ended.reason, 'failed-application');
  assert.deepEqual(socket.frames('hangup')[0], { type: 'hangup', callId: 'g3', reason: 'failed-application' });
});

test('malformedGatewayFrames_areLoggedAndDropped_neverReachThePeerConnection', async () => {
  const { client, socket } = await registered();
  const call = await outgoingCall(client, socket);
  const pc = call.pc;
  const logs = record(client, 'log', 'error');
  socket.receive({ type: 'ice-servers', iceServers: 'turn:evil' });
  socket.receive({ type: 'ice-servers', iceServers: [null] });
  socket.receive({ type: 'offer', callId: call.id, sdp: { x: 1 } });
  socket.receive({ type: 'candidate', callId: call.id, candidate: 42 });
  socket.receive({ type: 'error', callId: call.id, code: ['bad-sdp'] });
  socket.onmessage({ data: '\u0000'.repeat(10000) });
  socket.receive([{ type: 'hangup', callId: call.id }]);
  await settle();
  assert.deepEqual(client.iceServers, [{ urls: ['stun:stun.test:3478'] }]);
  assert.equal(pc.remoteDescription.type, 'answer');
  assert.deepEqual(pc.added, []);
  assert.equal(call.state, 'active');
  const lines = logs.filter(([type]) => type === 'log').map(([, d]) => d.text).filter((t) => t.startsWith('!'));
  assert.deepEqual(lines, [
    '! ice-servers frame from the gateway dropped: iceServers is not a list of objects',
    '! ice-servers frame from the gateway dropped: iceServers is not a list of objects',
    '! offer frame from the gateway dropped: sdp is not a string',
    '! candidate frame from the gateway dropped: candidate is not a string',
    '! error frame from the gateway dropped: code is not a string',
    '! unreadable frame from the gateway',
    '! frame without a type from the gateway',
  ]);
  assert.equal(logs.filter(([type]) => type === 'error').length, 0);
});

test('answerForAnIncomingCall_endsItWithAClearWebRtcError', async () => {
  const { client, socket } = await registered();
  let call;
  client.on('incoming', (c) => { call = c; });
  socket.receive({ type: 'ring', callId: 'g9', from: 'x@y/z', media: ['audio'] });
  const errors = record(call, 'error');
  socket.receive({ type: 'answer', callId: 'g9', sdp: 'v=0\r\n' });
  await settle();
  assert.deepEqual(errors, [['error', { code: 'webrtc', callId: 'g9',
    message: 'the gateway sent an answer, but this page has no offer out' }]]);
  assert.equal(call.ended.reason, 'failed-application');
});

test('restartIce_sendsAnOfferAndCountsTheAnswer', async () => {
  const { client, socket } = await registered();
  const call = await outgoingCall(client, socket);
  await call.restartIce();
  assert.match(socket.frames('offer')[0].sdp, /a=ice-ufrag:u\d+r/);
  socket.receive({ type: 'answer', callId: call.id, sdp: 'v=0\r\n' });
  await settle();
  assert.deepEqual(call.restarts, { local: 1, remote: 0, answered: 1 });
  assert.equal(call.state, 'active');
});

test('muteAndStats_reachTheTracksAndSumBytesPerKind', async () => {
  const { client, socket } = await registered();
  const call = await outgoingCall(client, socket);
  assert.equal(call.mute(), true);
  assert.equal(call.localStream.getAudioTracks()[0].enabled, false);
  assert.equal(call.mute(false), false);
  assert.equal(call.localStream.getAudioTracks()[0].enabled, true);
  const stats = await call.stats();
  assert.deepEqual(stats.inbound, { audio: 1200, video: 0 });
  assert.deepEqual(stats.outbound, { audio: 3400, video: 0 });
  assert.equal(stats.connectionState, 'connected');
});

test('iceServersFrame_reachesNewAndCurrentPeerConnections', async () => {
  const { client, socket } = await registered();
  const call = await outgoingCall(client, socket);
  const fresh = [{ urls: ['turn:turn.test:3478'], username: '1:alice', credential: 'x' }];
  socket.receive({ type: 'ice-servers', iceServers: fresh });
  assert.deepEqual(client.iceServers, fresh);
  assert.deepEqual(call.pc.config, { iceServers: fresh });
});

// ---- resume (docs/protocol.md §8) ----------------------------------------------------------------------------

test('droppedSocket_resumesWithTheToken_keepsTheCall_andSendsHeldFramesInOrder', async () => {
  const { client, socket, timers, storage } = await registered();
  const call = await outgoingCall(client, socket);
  const seen = record(client, 'reconnecting', 'reconnected');
  socket.drop(1006);
  assert.equal(client.state, 'reconnecting');
  assert.equal(call.state, 'active', 'the call lives on while the socket is down');
  assert.deepEqual(timers.delays(), [0], 'the first attempt is at once');
  // frames made while away are kept, in order
  call.pc.candidate({ candidate: 'candidate:9 1 udp 1 192.0.2.9 9 typ host', sdpMid: '0', sdpMLineIndex: 0 });
  timers.runAll();
  const second = FakeSocket.last();
  assert.notEqual(second, socket);
  second.open();
  await settle();
  assert.deepEqual(second.sent[0], { type: 'register', user: 'alice', resume: 'r1' });
  second.receive({ type: 'registered', jid: JID, resume: 'r2', calls: [{ callId: call.id, state: 'active' }] });
  assert.equal(client.state, 'registered');
  assert.equal(call.state, 'active');
  assert.deepEqual(second.sent.slice(1).map((f) => f.type), ['candidate']);
  assert.equal(second.sent[1].candidate, 'candidate:9 1 udp 1 192.0.2.9 9 typ host');
  assert.deepEqual(seen.map(([t]) => t), ['reconnecting', 'reconnected']);
  assert.equal(seen[1][1].resumed, true);
  assert.deepEqual([...storage.map.values()], ['r2'], 'the new token replaces the used one');
  // the frames the gateway held come after `registered` and reach the call
  second.receive({ type: 'hangup', callId: call.id, reason: 'success' });
  assert.equal(call.ended.by, 'remote');
});

test('resume_callTheGatewayNoLongerHas_endsWithGone', async () => {
  const { client, socket, timers } = await registered();
  const call = await outgoingCall(client, socket);
  socket.drop();
  timers.runAll();
  const second = FakeSocket.last();
  second.open();
  await settle();
  second.receive({ type: 'registered', jid: JID, resume: 'r2', calls: [] });
  assert.equal(call.ended.reason, 'gone');
});

test('resumeFailed_endsTheCallsSaysSo_andRegistersAfreshOnTheSameSocket', async () => {
  const { client, socket, timers } = await registered();
  const call = await outgoingCall(client, socket);
  const errors = record(client, 'error');
  socket.drop();
  timers.runAll();
  const second = FakeSocket.last();
  second.open();
  await settle();
  second.receive({ type: 'error', code: 'resume-failed', message: 'unknown or expired resume token' });
  await settle();
  assert.equal(call.ended.reason, 'gone');
  assert.equal(errors[0][1].code, 'resume-failed');
  assert.equal(errors[0][1].lostCalls, 1);
  assert.deepEqual(second.sent.map((f) => f.type + (f.resume ? '+resume' : '')), ['register+resume', 'register']);
  second.receive({ type: 'registered', jid: 'alice@gw.test/web-bbbb', resume: 'r9' });
  assert.equal(client.jid, 'alice@gw.test/web-bbbb');
  assert.equal(client.state, 'registered');
});

test('gatewayWithoutResume_endsCallsWhenTheSocketDrops_andRegistersAfresh', async () => {
  const browser = fakeBrowser();
  const client = connect(URL, { user: 'alice', env: browser.env });
  const socket = FakeSocket.last();
  socket.open();
  await settle();
  socket.receive({ type: 'registered', jid: JID });
  const call = await outgoingCall(client, socket);
  socket.drop();
  assert.equal(call.ended.reason, 'gone');
  browser.timers.runAll();
  FakeSocket.last().open();
  await settle();
  assert.deepEqual(FakeSocket.last().sent[0], { type: 'register', user: 'alice' });
});

test('backoff_growsFromTheMinimumToTheMaximum', async () => {
  const { client, socket, timers } = await registered({ reconnectMinMs: 100, reconnectMaxMs: 400 });
  const delays = [];
  client.on('reconnecting', ({ delayMs }) => delays.push(delayMs));
  socket.drop();
  for (let i = 0; i < 5; i++) {
    timers.runAll();
    FakeSocket.last().drop();
  }
  assert.deepEqual(delays, [0, 100, 200, 400, 400, 400]);
  assert.equal(client.state, 'reconnecting');
});

test('onlineEvent_whileWaiting_reconnectsAtOnce', async () => {
  const { client, socket, timers, window } = await registered({ reconnectMinMs: 5000 });
  socket.drop();
  timers.runAll();
  FakeSocket.last().drop();   // second attempt failed: the next waits 5 s
  assert.deepEqual(timers.delays(), [5000]);
  const before = FakeSocket.instances.length;
  window.fire('online');
  assert.equal(FakeSocket.instances.length, before + 1, 'a new socket at once');
  assert.equal(timers.pending.size, 0, 'the backoff timer is cancelled');
  assert.equal(client.state, 'reconnecting');
});

test('onlineEvent_whileRegistered_probesWithPing_andReplacesASilentSocket', async () => {
  const { client, socket, timers, window } = await registered();
  window.fire('online');
  assert.deepEqual(socket.sent.at(-1), { type: 'ping' });
  timers.runAll();   // no pong in time
  assert.equal(client.state, 'reconnecting');
  assert.equal(socket.closed.code, 4001);
});

test('onlineEvent_pongInTime_keepsTheSocket', async () => {
  const { client, socket, timers, window } = await registered();
  window.fire('online');
  socket.receive({ type: 'pong' });
  assert.equal(timers.pending.size, 0);
  assert.equal(client.state, 'registered');
});

test('policyClose_1008_afterRegistration_endsCallsAndDoesNotReconnect', async () => {
  const { client, socket, timers } = await registered();
  const call = await outgoingCall(client, socket);
  socket.drop(1008, 'disconnected by an administrator');
  assert.equal(client.state, 'closed');
  assert.equal(call.ended.reason, 'gone');
  assert.equal(timers.pending.size, 0);
});

test('reload_resumesWithTheStoredToken_andLetsGoOfCallsThisPageDoesNotKnow', async () => {
  const storage = new MemoryStorage();
  await registered({}, fakeBrowser({ storage }));
  // a reload: a new client in the same tab finds the token
  const browser = fakeBrowser({ storage });
  const client = connect(URL, { user: 'alice', env: browser.env });
  const socket = FakeSocket.last();
  socket.open();
  await settle();
  assert.equal(socket.sent[0].resume, 'r1');
  const incoming = [];
  client.on('incoming', (c) => incoming.push(c));
  socket.receive({ type: 'registered', jid: JID, resume: 'r2', calls: [{ callId: 'old', state: 'active' }] });
  assert.deepEqual(socket.frames('hangup'), [{ type: 'hangup', callId: 'old', reason: 'gone' }]);
  // a held renegotiation offer of that call is no new call
  socket.receive({ type: 'offer', callId: 'old', from: 'bob@x/y', sdp: 'v=0\r\n' });
  assert.equal(incoming.length, 0);
});

test('reloadWithAnExpiredToken_registersAfreshWithoutAnError', async () => {
  const storage = new MemoryStorage();
  storage.setItem('jingle-gateway.resume:' + URL + '#alice', 'stale');
  const browser = fakeBrowser({ storage });
  const client = connect(URL, { user: 'alice', env: browser.env });
  const errors = record(client, 'error');
  const socket = FakeSocket.last();
  socket.open();
  await settle();
  socket.receive({ type: 'error', code: 'resume-failed', message: 'expired' });
  await settle();
  assert.deepEqual(socket.sent.map((f) => f.type + (f.resume ? '+resume' : '')), ['register+resume', 'register']);
  socket.receive({ type: 'registered', jid: JID, resume: 'r5' });
  assert.equal(await client.ready, JID);
  assert.equal(errors.length, 0);
});

test('close_hangsUpCallsClosesTheSocketAndForgetsTheToken', async () => {
  const { client, socket, storage } = await registered();
  const call = await outgoingCall(client, socket);
  client.close();
  assert.equal(call.ended.reason, 'success');
  assert.deepEqual(socket.frames('hangup').map((f) => f.callId), [call.id]);
  assert.equal(socket.closed.code, 1000);
  assert.equal(storage.map.size, 0);
  assert.equal(client.state, 'closed');
  assert.throws(() => client.call('bob@example.org'), /closed/);
});

test('dropSocket_testHook_resumesLikeANetworkDrop', async () => {
  const { client, socket, timers } = await registered();
  const call = await outgoingCall(client, socket);
  client.dropSocket();
  assert.equal(socket.closed.code, 4000);
  assert.equal(client.state, 'reconnecting');
  timers.runAll();
  FakeSocket.last().open();
  await settle();
  assert.equal(FakeSocket.last().sent[0].resume, 'r1');
  assert.equal(call.state, 'active');
});

test('pageHide_hangsUpEveryCallWithGone_butNotForTheBackForwardCache', async () => {
  const { client, socket, window } = await registered();
  const call = await outgoingCall(client, socket);
  for (const fn of window.listeners.pagehide) {
    fn({ type: 'pagehide', persisted: true });
  }
  assert.equal(call.state, 'active');
  window.fire('pagehide');
  assert.deepEqual(socket.frames('hangup'), [{ type: 'hangup', callId: call.id, reason: 'gone',
    text: 'the page was closed' }]);
  assert.equal(call.ended.by, 'local');
});

test('describeError_givesWordsForGatewayAndSdkCodes', () => {
  assert.equal(describeError('rate-limited', '20 calls a minute'),
    'Too many requests in a short time; wait a moment and try again. 20 calls a minute');
  assert.equal(describeError('unreachable'), 'Cannot reach the gateway.');
  assert.equal(describeError('toString'), 'The gateway reported a problem (toString).');
});

// ---- several instances of one gateway, and liveness ------------------------------------------------------------

const URLS = ['ws://gw1.test/ws', 'ws://gw2.test/ws', 'ws://gw3.test/ws'];

async function registeredOnList(options = {}, browser = fakeBrowser()) {
  const client = connect(URLS, { user: 'alice', ...options, env: browser.env });
  const socket = FakeSocket.last();
  assert.equal(socket.url, URLS[0]);
  socket.open();
  await settle();
  socket.receive({ type: 'registered', jid: JID, resume: 'r1' });
  await client.ready;
  return { client, socket, ...browser };
}

test('urlList_eachReconnectionGoesToTheNextInstance_roundRobin_withTheResumeToken', async () => {
  const { client, socket, timers } = await registeredOnList();
  const seen = record(client, 'reconnecting', 'reconnected');
  socket.drop();
  timers.runAll();
  assert.equal(FakeSocket.last().url, URLS[1]);
  FakeSocket.last().drop();   // that one is down too
  timers.runAll();
  assert.equal(FakeSocket.last().url, URLS[2]);
  FakeSocket.last().drop();
  timers.runAll();
  const back = FakeSocket.last();
  assert.equal(back.url, URLS[0], 'round robin: back to the first');
  back.open();
  await settle();
  assert.equal(back.sent[0].resume, 'r1');
  back.receive({ type: 'registered', jid: JID, resume: 'r2', calls: [] });
  assert.equal(client.url, URLS[0]);
  assert.deepEqual(seen.filter(([t]) => t === 'reconnecting').map(([, d]) => d.url), [URLS[1], URLS[2], URLS[0]]);
  assert.equal(seen.at(-1)[1].url, URLS[0]);
  assert.deepEqual(client.urls, URLS);
});

test('urlList_firstConnectionTriesEachInstanceInTurn_andIsUnreachableOnlyWhenAllFail', async () => {
  const browser = fakeBrowser();
  const client = connect(URLS, { user: 'alice', env: browser.env });
  FakeSocket.last().drop();
  assert.equal(FakeSocket.last().url, URLS[1], 'the second instance at once');
  FakeSocket.last().drop();
  assert.equal(FakeSocket.last().url, URLS[2]);
  FakeSocket.last().drop();
  await assert.rejects(client.ready, (e) => e.code === 'unreachable' && e.message.includes(URLS[2]));
  assert.equal(FakeSocket.instances.length, 3);
  assert.equal(client.state, 'closed');
});

test('urlList_firstInstanceDown_registersOnTheSecond', async () => {
  const browser = fakeBrowser();
  const client = connect(URLS, { user: 'alice', env: browser.env });
  FakeSocket.last().drop();
  const second = FakeSocket.last();
  second.open();
  await settle();
  second.receive({ type: 'registered', jid: JID, resume: 'r1' });
  assert.equal(await client.ready, JID);
  assert.equal(client.url, URLS[1]);
});

test('connect_refusesAnEmptyListOrANonWsUrlInIt_andABadPingSeconds', () => {
  const env = fakeBrowser().env;
  assert.throws(() => connect([], { user: 'a', env }), (e) => e.code === 'bad-argument');
  assert.throws(() => connect([URLS[0], 'http://x/ws'], { user: 'a', env }), (e) => e.code === 'bad-argument');
  assert.throws(() => connect(URLS, { user: 'a', pingSeconds: 0, env }), (e) => e.code === 'bad-argument');
  assert.throws(() => connect(URLS, { user: 'a', pingSeconds: 'x', env }), (e) => e.code === 'bad-argument');
});

test('close1012_serviceRestart_resumesOnTheNextInstanceAtOnce_evenAfterEarlierAttempts', async () => {
  const { client, socket, timers } = await registeredOnList({ reconnectMinMs: 5000 });
  const call = await outgoingCall(client, socket);
  socket.drop();
  timers.runAll();
  FakeSocket.last().drop();   // a failed attempt: the next would wait 5 s
  assert.deepEqual(timers.delays(), [5000]);
  timers.runAll();
  const third = FakeSocket.last();
  third.open();
  await settle();
  third.receive({ type: 'registered', jid: JID, resume: 'r2', calls: [{ callId: call.id, state: 'active' }] });
  third.drop(1012, 'service restart');   // that instance stops and hands its calls on
  assert.deepEqual(timers.delays(), [0], 'no backoff after 1012');
  timers.runAll();
  const next = FakeSocket.last();
  assert.equal(next.url, URLS[(URLS.indexOf(third.url) + 1) % URLS.length]);
  next.open();
  await settle();
  assert.equal(next.sent[0].resume, 'r2');
  assert.equal(call.state, 'active', 'the call goes on');
});

test('close1013_beforeAnyAnswer_keepsTheResumeToken_backsOff_andResumesWithItOnTheNextInstance', async () => {
  const { client, socket, timers } = await registeredOnList({ reconnectMinMs: 5000 });
  const call = await outgoingCall(client, socket);
  socket.drop();
  timers.runAll();
  const out = FakeSocket.last();   // an instance out of its cluster: it reads the resume, answers nothing, closes
  out.open();
  await settle();
  assert.equal(out.sent[0].resume, 'r1');
  out.drop(1013, 'this gateway instance is out of its cluster for now: try another');
  assert.deepEqual(timers.delays(), [5000], 'an ordinary drop: backoff');
  timers.runAll();
  const next = FakeSocket.last();
  assert.equal(next.url, URLS[(URLS.indexOf(out.url) + 1) % URLS.length]);
  next.open();
  await settle();
  assert.equal(next.sent[0].resume, 'r1', 'the token was not spent');
  next.receive({ type: 'registered', jid: JID, resume: 'r2', calls: [{ callId: call.id, state: 'active' }] });
  assert.equal(call.state, 'active', 'the call goes on');
});

test('ping_everyPingSeconds_whileRegistered_andAnAnsweringGatewayKeepsTheSocket', async () => {
  const { client, socket, timers } = await registeredOnList({ pingSeconds: 10 });
  timers.advance(9000);
  assert.equal(socket.frames('ping').length, 0);
  timers.advance(1000);
  assert.equal(socket.frames('ping').length, 1);
  socket.receive({ type: 'pong' });
  timers.advance(10000);
  assert.equal(socket.frames('ping').length, 2);
  socket.receive({ type: 'pong' });
  timers.advance(15000);
  socket.receive({ type: 'pong' });
  timers.advance(15000);
  assert.equal(client.state, 'registered');
  assert.equal(socket.closed, null);
});

test('silentSocket_nothingFor2xPingSeconds_isGivenUp_andTheDeviceResumesOnTheNextInstance', async () => {
  const { client, socket, timers } = await registeredOnList({ pingSeconds: 10 });
  const call = await outgoingCall(client, socket);
  const seen = record(client, 'reconnecting');
  timers.advance(19000);   // pings go out, nothing comes back (a frozen gateway keeps the TCP socket open)
  assert.equal(client.state, 'registered');
  timers.advance(1000);
  assert.equal(socket.closed.code, 4002);
  assert.equal(client.state, 'reconnecting');
  assert.equal(seen[0][1].url, URLS[1]);
  timers.runAll();
  const next = FakeSocket.last();
  assert.equal(next.url, URLS[1]);
  next.open();
  await settle();
  assert.equal(next.sent[0].resume, 'r1');
  assert.equal(call.state, 'active');
});

test('frozenInstanceAtConnect_socketNeverOpens_theNextInstanceIsTriedAfter2xPingSeconds', async () => {
  const { socket, timers } = await registeredOnList({ pingSeconds: 5 });
  socket.drop();
  timers.runAll();
  const hanging = FakeSocket.last();   // never opens: a stopped process still accepts TCP connections
  assert.equal(hanging.url, URLS[1]);
  timers.advance(10000);
  assert.equal(hanging.closed.code, 4002);
  timers.runAll();
  assert.equal(FakeSocket.last().url, URLS[2]);
});
