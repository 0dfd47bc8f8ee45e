// jingle-gateway softphone: one page, one WebSocket, one call at a time.
// Speaks exactly the JSON frames of docs/protocol.md (plus the gateway's extra `info` frame, docs/calls.md).
// No build step and no external URLs: the ICE servers are the gateway's (registered / ice-servers frames), media
// from getUserMedia.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);

  // Words for the gateway's error codes (docs/protocol.md, "Error codes"; ErrorCodeTest keeps this table, the docs
  // and the gateway's ErrorCode enum the same); the gateway's own message follows them.
  const ERROR_WORDS = {
    'bad-json': 'The gateway could not read a message from this page.',
    'bad-frame': 'The gateway refused a malformed message from this page.',
    'unknown-type': 'The gateway does not know this kind of message.',
    'not-registered': 'Register before calling.',
    'already-registered': 'This connection is already registered.',
    'bad-user': 'That user name is not allowed.',
    'auth-failed': 'Registration refused: the token was not accepted.',
    'unknown-call': 'The gateway does not know this call (it may have ended).',
    'duplicate-call': 'A call with this id is already in progress.',
    'bad-jid': 'That address is not one that can be called.',
    'bad-sdp': 'The gateway could not translate the session description.',
    'bad-candidate': 'The gateway could not translate a network candidate.',
    'bad-reason': 'That hang-up reason is not an XEP-0166 reason.',
    'bad-state': 'That action is not possible in the current call state.',
    glare: 'Both sides changed the call at the same moment; try again.',
    'not-supported': 'The gateway does not support that change to the call.',
    'rate-limited': 'Too many requests in a short time; wait a moment and try again.',
    'too-many-calls': 'This device already has as many calls as the gateway allows.',
    'too-large': 'The call needs a message larger than the XMPP server accepts.',
    'shutting-down': 'The gateway is restarting; try again in a moment.',
    'resume-failed': 'The connection could not be resumed; its calls have ended.',
  };

  // Words for XEP-0166 reasons in hangup frames.
  const REASON_WORDS = {
    success: 'call ended',
    decline: 'call declined',
    busy: 'busy',
    cancel: 'call cancelled',
    timeout: 'nobody answered',
    gone: 'the other side went away',
    'connectivity-error': 'connection to the XMPP server lost',
    'failed-application': 'the call could not be set up',
    'failed-transport': 'no network path between the two sides',
    'general-error': 'the gateway had an internal problem',
    'security-error': 'the other side cannot encrypt media (DTLS)',
    'unsupported-applications': 'the other side offered media this page cannot take',
    'unsupported-transports': 'the other side offered a transport this page cannot take',
    'incompatible-parameters': 'no common codecs',
    'media-error': 'media error',
    'alternative-session': 'replaced by another call',
    expired: 'expired',
  };

  // Call errors that mean the call never got going: the page ends it locally.
  const FATAL_CALL_ERRORS = new Set(['bad-jid', 'bad-sdp', 'duplicate-call', 'not-registered', 'unknown-call',
    'bad-frame', 'rate-limited', 'too-many-calls', 'too-large', 'shutting-down']);

  const ui = {
    registerForm: $('register-form'), user: $('user'), token: $('token'), me: $('me'),
    connection: $('connection'), callForm: $('call-form'), to: $('to'), call: $('call'),
    incoming: $('incoming'), incomingFrom: $('incoming-from'), incomingMedia: $('incoming-media'),
    answer: $('answer'), reject: $('reject'), hangup: $('hangup'), mute: $('mute'), restart: $('restart'),
    callState: $('call-state'), callPeer: $('call-peer'), notice: $('notice'), error: $('error'),
    remoteVideo: $('remote-video'), mediaNote: $('media-note'), localVideo: $('local-video'), log: $('log'),
  };

  const app = {
    ws: null,
    jid: null,
    call: null,          // the one current call, see newCall()
    state: 'idle',       // idle | calling | ringing | incoming | connecting | active | ended
    lastHangup: null,    // { callId, reason, text, by: 'local'|'remote' }
    lastError: null,     // { callId, code, message }
    iceServers: [],      // from the gateway: registered.iceServers, renewed by ice-servers frames (docs/calls.md)
    events: [],
    nextCallId: 1,
  };

  // ---- logging and display ---------------------------------------------------------------------------------

  function log(text) {
    const line = new Date().toISOString().slice(11, 23) + ' ' + text;
    app.events.push(line);
    if (app.events.length > 500) {
      app.events.shift();
    }
    const li = document.createElement('li');
    li.textContent = line;
    ui.log.prepend(li);
    while (ui.log.childElementCount > 60) {
      ui.log.lastElementChild.remove();
    }
  }

  function notice(text) {
    ui.notice.textContent = text;
  }

  function showError(text) {
    ui.error.textContent = text;
    ui.error.hidden = !text;
  }

  function setState(state) {
    app.state = state;
    ui.callState.textContent = state;
    ui.callState.className = 'state state-' + state;
    const c = app.call;
    ui.callPeer.textContent = c && state !== 'idle' ? (c.outgoing ? 'to ' : 'from ') + c.peer : '';
    const inCall = ['calling', 'ringing', 'connecting', 'active'].includes(state);
    ui.call.disabled = !app.jid || inCall || state === 'incoming';
    ui.hangup.disabled = !inCall;
    ui.mute.disabled = !(c && c.localStream) || !inCall;
    ui.restart.disabled = state !== 'active';
    ui.incoming.hidden = state !== 'incoming';
    ui.localVideo.parentElement.hidden = Boolean(c && inCall && !c.media.video);
    ui.mediaNote.textContent = !c || !inCall ? 'No call'
      : state !== 'active' ? 'Waiting for media…' : c.media.video ? '' : 'Audio only';
    log('state ' + state);
  }

  // ---- WebSocket -------------------------------------------------------------------------------------------

  // ?ws= points the page at another gateway's socket. The page hands that socket the user's token, so it follows
  // ?ws= only to its own origin or to an origin the gateway lists in http.allowed-origins (GET /allowed-origins).
  // "*" does not count: it says which pages may use this gateway, not where this page may send tokens.
  async function wsUrl() {
    const own = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
    const param = new URLSearchParams(location.search).get('ws');
    if (!param) {
      return own;
    }
    let url;
    try {
      url = new URL(param);
    } catch (e) {
      throw new Error('?ws=' + param + ' is not a URL.');
    }
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
      throw new Error('?ws=' + param + ' is not a ws:// or wss:// URL.');
    }
    const origin = (url.protocol === 'wss:' ? 'https://' : 'http://') + url.host;
    if (origin === location.origin) {
      return url.href;
    }
    let listed = [];
    try {
      const response = await fetch('/allowed-origins', { cache: 'no-store' });
      if (response.ok) {
        listed = (await response.json()).origins || [];
      }
    } catch (e) {
      // no list: only this page's own origin
    }
    if (listed.includes(origin)) {
      return url.href;
    }
    throw new Error('Refusing ?ws=' + param + ': ' + origin + ' is neither this page\'s origin nor listed in the'
      + ' gateway\'s http.allowed-origins, and the page would send it your token.');
  }

  function send(frame) {
    if (!app.ws || app.ws.readyState !== WebSocket.OPEN) {
      showError('Not connected to the gateway.');
      return false;
    }
    app.ws.send(JSON.stringify(frame));
    log('> ' + frame.type + (frame.callId ? ' ' + frame.callId : '')
      + (frame.type === 'candidate' ? ' ' + (frame.candidate || '(end)') : ''));
    return true;
  }

  async function connect() {
    if (app.ws && app.ws.readyState === WebSocket.OPEN) {
      return app.ws;
    }
    const url = await wsUrl();
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      app.ws = ws;
      ws.onopen = () => {
        ui.connection.textContent = 'connected';
        ui.connection.className = 'pill pill-on';
        resolve(ws);
      };
      ws.onerror = () => reject(new Error('Cannot reach the gateway at ' + url + '.'));
      ws.onclose = () => {
        ui.connection.textContent = 'not connected';
        ui.connection.className = 'pill pill-off';
        app.jid = null;
        ui.me.textContent = 'Not registered (connection closed).';
        ui.user.disabled = false;
        ui.token.disabled = false;
        ui.registerForm.querySelector('button').disabled = false;
        if (app.call) {
          endCall('gone', 'the connection to the gateway closed', 'local');
        }
        setState(app.state);
      };
      ws.onmessage = (event) => {
        let frame;
        try {
          frame = JSON.parse(event.data);
        } catch (e) {
          log('! unreadable frame from the gateway');
          return;
        }
        log('< ' + frame.type + (frame.callId ? ' ' + frame.callId : '')
          + (frame.type === 'candidate' ? ' ' + (frame.candidate || '(end)') : ''));
        try {
          onFrame(frame);
        } catch (e) {
          log('! ' + e);
        }
      };
    });
  }

  function onFrame(frame) {
    const c = app.call;
    const mine = c && frame.callId === c.callId;
    switch (frame.type) {
      case 'registered':
        app.jid = frame.jid;
        app.iceServers = frame.iceServers || [];
        ui.me.textContent = 'Registered as ' + frame.jid;
        ui.user.disabled = true;
        ui.token.disabled = true;
        ui.registerForm.querySelector('button').disabled = true;
        showError('');
        setState(app.state);
        break;
      case 'ring':
        onRing(frame);
        break;
      case 'ringing':
        if (mine && app.state === 'calling') {
          setState('ringing');
        }
        break;
      case 'offer':
        if (mine && c.pc && c.pc.remoteDescription) {
          remoteOp(c, () => onRenegotiationOffer(c, frame.sdp));
        } else if (mine) {
          remoteOp(c, () => onInitialOffer(c, frame.sdp));
        } else if (!c) {
          onDirectOffer(frame);
        } else {
          // busy with another call
          send({ type: 'reject', callId: frame.callId });
        }
        break;
      case 'answer':
        if (mine) {
          remoteOp(c, () => onAnswer(c, frame.sdp));
        }
        break;
      case 'candidate':
        if (mine) {
          remoteOp(c, () => addRemoteCandidate(c, frame));
        }
        break;
      case 'hangup':
        if (mine) {
          endCall(frame.reason || 'success', frame.text || '', 'remote');
        }
        break;
      case 'info':
        if (mine) {
          notice('The other side: ' + frame.info + (frame.name ? ' (' + frame.name + ')' : '') + '.');
        }
        break;
      case 'error':
        onError(frame);
        break;
      case 'ice-servers':
        // fresh TURN logins: new connections use them, and so does the current one's next ICE gathering
        app.iceServers = frame.iceServers || [];
        if (c && c.pc) {
          c.pc.setConfiguration({ iceServers: app.iceServers });
        }
        break;
      case 'pong':
        break;
      default:
        log('! unknown frame type ' + frame.type);
    }
  }

  function onError(frame) {
    if (frame.code === 'unknown-call' && app.previousCall && frame.callId === app.previousCall.callId) {
      // the gateway had already let the call go when this page said so: nothing more to show
      return;
    }
    app.lastError = { callId: frame.callId || null, code: frame.code, message: frame.message || '' };
    const words = ERROR_WORDS[frame.code] || 'The gateway reported a problem (' + frame.code + ').';
    showError(words + (frame.message ? ' ' + frame.message : ''));
    const c = app.call;
    if (c && frame.callId === c.callId && FATAL_CALL_ERRORS.has(frame.code)
        && ['calling', 'ringing', 'incoming', 'connecting'].includes(app.state)) {
      // the gateway may still hold the call (an answer it could not read): let it go there too
      send({ type: 'hangup', callId: c.callId, reason: 'failed-application' });
      endCall('failed-application', words, 'local');
    }
  }

  // ---- calls -----------------------------------------------------------------------------------------------

  function newCall(callId, peer, outgoing, media) {
    const call = {
      callId, peer, outgoing, media,
      pc: null, localStream: null, remoteStream: new MediaStream(),
      chain: Promise.resolve(),    // remote operations, in arrival order
      signalled: false,            // our description frame went out: candidates may follow
      pendingCandidates: [],
      endSentFor: null,            // the local ufrag whose end of candidates was sent
      startedAt: Date.now(), connectedAt: null,
      accepted: null, acceptResolve: null,
      restarts: { local: 0, remote: 0, answered: 0 },
      muted: false,
    };
    call.accepted = new Promise((resolve) => { call.acceptResolve = resolve; });
    app.call = call;
    return call;
  }

  // Remote descriptions and candidates are applied one after the other, in arrival order, so a candidate is
  // never added before the description it belongs to.
  function remoteOp(call, fn) {
    call.chain = call.chain.then(() => (app.call === call ? fn() : undefined)).catch((e) => {
      log('! ' + e);
      showError('WebRTC refused a step of the call: ' + e.message);
      if (app.call === call && app.state !== 'active') {
        // a call that cannot be set up ends now on both sides, not at the gateway's ring timeout
        const reason = e && e.name === 'NotAllowedError' ? 'media-error' : 'failed-application';
        send({ type: 'hangup', callId: call.callId, reason });
        endCall(reason, e.message, 'local');
      }
    });
    return call.chain;
  }

  function createPeerConnection(call) {
    const pc = new RTCPeerConnection({ iceServers: app.iceServers });
    call.pc = pc;
    pc.onicecandidate = (event) => onLocalCandidate(call, event.candidate);
    pc.ontrack = (event) => {
      call.remoteStream.addTrack(event.track);
      ui.remoteVideo.srcObject = call.remoteStream;
      ui.remoteVideo.play().catch(() => {});
    };
    pc.onconnectionstatechange = () => {
      log('connectionState ' + pc.connectionState);
      refreshStats();
      if (pc.connectionState === 'connected') {
        if (!call.connectedAt) {
          call.connectedAt = Date.now();
        }
        if (app.call === call) {
          setState('active');
          notice('Connected.');
        }
      } else if (pc.connectionState === 'failed' && app.call === call) {
        notice('The media connection failed; try an ICE restart or hang up.');
      }
    };
    pc.oniceconnectionstatechange = () => {
      log('iceConnectionState ' + pc.iceConnectionState);
      refreshStats();
    };
    pc.onsignalingstatechange = refreshStats;
    pc.onicegatheringstatechange = refreshStats;
    return pc;
  }

  async function getMedia(call) {
    try {
      call.localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: call.media.video });
    } catch (e) {
      throw new Error('cannot use the ' + (call.media.video ? 'microphone and camera' : 'microphone') + ': '
        + e.message);
    }
    ui.localVideo.srcObject = call.localStream;
    return call.localStream;
  }

  function sendDescriptionThenCandidates(call, frame) {
    send(frame);
    call.signalled = true;
    for (const candidateFrame of call.pendingCandidates.splice(0)) {
      send(candidateFrame);
    }
  }

  function localUfrag(call) {
    const sdp = call.pc && call.pc.localDescription ? call.pc.localDescription.sdp : '';
    const m = /a=ice-ufrag:(\S+)/.exec(sdp);
    return m ? m[1] : undefined;
  }

  function onLocalCandidate(call, candidate) {
    let frame;
    if (candidate && candidate.candidate) {
      const init = candidate.toJSON();
      frame = { type: 'candidate', callId: call.callId, candidate: init.candidate, sdpMid: init.sdpMid,
        sdpMLineIndex: init.sdpMLineIndex, usernameFragment: init.usernameFragment || localUfrag(call) };
    } else {
      // end of candidates: an event with candidate "" (per m-line) or null (all done); sent once per generation
      const ufrag = (candidate && candidate.usernameFragment) || localUfrag(call);
      if (call.endSentFor === ufrag) {
        return;
      }
      call.endSentFor = ufrag;
      const first = call.pc.getTransceivers().find((t) => t.mid !== null);
      frame = { type: 'candidate', callId: call.callId, candidate: '', sdpMid: first ? first.mid : '0',
        sdpMLineIndex: 0, usernameFragment: ufrag };
    }
    if (app.call !== call) {
      return;
    }
    if (call.signalled) {
      send(frame);
    } else {
      call.pendingCandidates.push(frame);
    }
  }

  async function placeCall(to, video) {
    if (app.call) {
      return;
    }
    showError('');
    const call = newCall('c' + Date.now().toString(36) + '-' + app.nextCallId++, to, true,
      { audio: true, video });
    setState('calling');
    try {
      const stream = await getMedia(call);
      const pc = createPeerConnection(call);
      for (const track of stream.getTracks()) {
        pc.addTrack(track, stream);
      }
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      if (app.call !== call) {
        return;
      }
      sendDescriptionThenCandidates(call, { type: 'call', callId: call.callId, to, sdp: offer.sdp });
      notice('Calling ' + to + '…');
      setState(app.state);   // the microphone is ours now: mute becomes possible
    } catch (e) {
      showError(e.message);
      endCall('failed-application', e.message, 'local');
    }
  }

  async function onAnswer(call, sdp) {
    await call.pc.setRemoteDescription({ type: 'answer', sdp });
    if (call.restarts.local > call.restarts.answered) {
      call.restarts.answered++;
      notice('ICE restart answered.');
    } else if (app.state === 'calling' || app.state === 'ringing') {
      setState('connecting');
      notice('Answered; connecting media…');
    }
  }

  function onRing(frame) {
    if (app.call) {
      send({ type: 'reject', callId: frame.callId });
      return;
    }
    const media = frame.media || ['audio'];
    const call = newCall(frame.callId, frame.from, false, { audio: true, video: media.includes('video') });
    call.ringMedia = media;
    ui.incomingFrom.textContent = frame.from;
    ui.incomingMedia.textContent = media.join(', ');
    setState('incoming');
    notice('Incoming call from ' + frame.from + '.');
  }

  // An offer without a ring: a direct session-initiate (e.g. from a StanzaJS app). Accepting answers it.
  function onDirectOffer(frame) {
    const video = /\r?\nm=video /.test('\n' + frame.sdp);
    const call = newCall(frame.callId, frame.from, false, { audio: true, video });
    call.direct = true;
    ui.incomingFrom.textContent = frame.from;
    ui.incomingMedia.textContent = video ? 'audio, video' : 'audio';
    setState('incoming');
    notice('Incoming call from ' + frame.from + '.');
    remoteOp(call, () => onInitialOffer(call, frame.sdp));
  }

  async function onInitialOffer(call, sdp) {
    await call.accepted;   // resolved when the user answers
    if (app.call !== call) {
      return;
    }
    call.media.video = call.media.video && /\r?\nm=video /.test('\n' + sdp);
    const stream = await getMedia(call);
    const pc = createPeerConnection(call);
    await pc.setRemoteDescription({ type: 'offer', sdp });
    for (const transceiver of pc.getTransceivers()) {
      const kind = transceiver.receiver.track.kind;
      const track = stream.getTracks().find((t) => t.kind === kind);
      if (track && !pc.getSenders().some((s) => s.track === track)) {
        await transceiver.sender.replaceTrack(track);
        transceiver.sender.setStreams(stream);
        transceiver.direction = 'sendrecv';
      }
    }
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    if (app.call !== call) {
      return;
    }
    sendDescriptionThenCandidates(call, { type: 'answer', callId: call.callId, sdp: answer.sdp });
    if (app.state !== 'active') {
      setState('connecting');
    }
  }

  function acceptCall() {
    const call = app.call;
    if (!call || app.state !== 'incoming') {
      return;
    }
    if (!call.direct) {
      send({ type: 'accept', callId: call.callId });
    }
    setState('connecting');
    notice('Answering…');
    call.acceptResolve(true);
  }

  function rejectCall() {
    const call = app.call;
    if (!call || app.state !== 'incoming') {
      return;
    }
    send({ type: 'reject', callId: call.callId });
    endCall('decline', '', 'local');
  }

  // The far end restarted ICE (docs/calls.md): its new description comes as an `offer` frame.
  async function onRenegotiationOffer(call, sdp) {
    const pc = call.pc;
    if (pc.signalingState !== 'stable') {
      // glare with our own restart: theirs wins here, ours is rolled back
      await pc.setLocalDescription({ type: 'rollback' });
      call.restarts.local = call.restarts.answered;
    }
    await pc.setRemoteDescription({ type: 'offer', sdp });
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    call.restarts.remote++;
    send({ type: 'answer', callId: call.callId, sdp: answer.sdp });
    notice('The other side restarted ICE.');
  }

  function iceRestart() {
    const call = app.call;
    if (!call || !call.pc) {
      return;
    }
    remoteOp(call, async () => {
      const pc = call.pc;
      const offer = await pc.createOffer({ iceRestart: true });
      await pc.setLocalDescription(offer);
      call.restarts.local++;
      send({ type: 'offer', callId: call.callId, sdp: offer.sdp });
      notice('ICE restart sent…');
    });
  }

  async function addRemoteCandidate(call, frame) {
    if (!call.pc || !call.pc.remoteDescription) {
      log('! candidate before any remote description: dropped');
      return;
    }
    const init = { candidate: frame.candidate, sdpMid: frame.sdpMid, sdpMLineIndex: frame.sdpMLineIndex };
    if (frame.usernameFragment) {
      init.usernameFragment = frame.usernameFragment;
    }
    try {
      await call.pc.addIceCandidate(init);
    } catch (e) {
      // an end of candidates or a candidate of an old ICE generation may be refused; the call goes on
      log('! addIceCandidate: ' + e.message);
    }
  }

  function hangup(reason) {
    const call = app.call;
    if (!call) {
      return;
    }
    const r = reason || 'success';
    send({ type: 'hangup', callId: call.callId, reason: r });
    endCall(r, '', 'local');
  }

  function toggleMute() {
    const call = app.call;
    if (!call || !call.localStream) {
      return;
    }
    call.muted = !call.muted;
    for (const track of call.localStream.getAudioTracks()) {
      track.enabled = !call.muted;
    }
    ui.mute.textContent = call.muted ? 'Unmute' : 'Mute';
    ui.mute.setAttribute('aria-pressed', String(call.muted));
  }

  function endCall(reason, text, by) {
    const call = app.call;
    if (!call) {
      return;
    }
    app.lastHangup = { callId: call.callId, reason, text: text || '', by };
    if (call.pc) {
      call.pc.close();
    }
    if (call.localStream) {
      call.localStream.getTracks().forEach((t) => t.stop());
    }
    ui.remoteVideo.srcObject = null;
    ui.localVideo.srcObject = null;
    ui.mute.textContent = 'Mute';
    ui.mute.setAttribute('aria-pressed', 'false');
    app.previousCall = call;
    app.call = null;
    setState('ended');
    const words = REASON_WORDS[reason] || reason;
    notice((by === 'remote' ? 'The other side ended the call: ' : 'Call ended: ') + words
      + (text ? ' (' + text + ')' : '') + '.');
    updateStatsPanel(null);
  }

  // ---- stats -----------------------------------------------------------------------------------------------

  async function stats() {
    const call = app.call;
    const pc = call && call.pc;
    const out = {
      state: app.state,
      connectionState: pc ? pc.connectionState : 'closed',
      iceConnectionState: pc ? pc.iceConnectionState : 'closed',
      signalingState: pc ? pc.signalingState : 'closed',
      iceGatheringState: pc ? pc.iceGatheringState : 'complete',
      inbound: { audio: 0, video: 0 },
      outbound: { audio: 0, video: 0 },
      localUfrag: call ? localUfrag(call) || null : null,
      selectedCandidatePairChanges: 0,
    };
    if (pc && pc.signalingState !== 'closed') {
      const report = await pc.getStats();
      report.forEach((s) => {
        const kind = s.kind || s.mediaType;
        if (s.type === 'inbound-rtp' && kind in out.inbound) {
          out.inbound[kind] += s.bytesReceived || 0;
        } else if (s.type === 'outbound-rtp' && kind in out.outbound) {
          out.outbound[kind] += s.bytesSent || 0;
        } else if (s.type === 'transport') {
          out.selectedCandidatePairChanges += s.selectedCandidatePairChanges || 0;
        }
      });
    }
    return out;
  }

  function updateStatsPanel(s) {
    const v = s || { connectionState: '-', iceConnectionState: '-', signalingState: '-', iceGatheringState: '-',
      inbound: { audio: 0, video: 0 }, outbound: { audio: 0, video: 0 } };
    $('st-connection').textContent = v.connectionState;
    $('st-ice').textContent = v.iceConnectionState;
    $('st-signaling').textContent = v.signalingState;
    $('st-gathering').textContent = v.iceGatheringState;
    $('st-in-audio').textContent = v.inbound.audio.toLocaleString('en');
    $('st-in-video').textContent = v.inbound.video.toLocaleString('en');
    $('st-out-audio').textContent = v.outbound.audio.toLocaleString('en');
    $('st-out-video').textContent = v.outbound.video.toLocaleString('en');
  }

  function refreshStats() {
    if (app.call && app.call.pc) {
      stats().then(updateStatsPanel).catch(() => {});
    }
  }

  setInterval(refreshStats, 1000);

  // the gateway pings the socket itself (http.ping-seconds) and browsers answer on their own; this frame-level ping
  // is kept for proxies in front that close sockets without data frames
  setInterval(() => {
    if (app.ws && app.ws.readyState === WebSocket.OPEN) {
      app.ws.send(JSON.stringify({ type: 'ping' }));
    }
  }, 60000);

  // ---- user actions ----------------------------------------------------------------------------------------

  async function register(user, token) {
    showError('');
    try {
      await connect();
    } catch (e) {
      showError(e.message);
      return;
    }
    const frame = { type: 'register', user };
    if (token) {
      frame.token = token;
    }
    send(frame);
  }

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

  // ---- test hook: state without scraping the DOM -------------------------------------------------------------

  window.softphone = {
    get state() { return app.state; },
    get jid() { return app.jid; },
    get callId() { return app.call ? app.call.callId : null; },
    get connectionState() { return app.call && app.call.pc ? app.call.pc.connectionState : 'closed'; },
    get iceConnectionState() { return app.call && app.call.pc ? app.call.pc.iceConnectionState : 'closed'; },
    get lastHangup() { return app.lastHangup; },
    get lastHangupReason() { return app.lastHangup ? app.lastHangup.reason : null; },
    get lastError() { return app.lastError; },
    get events() { return app.events.slice(); },
    get restarts() {
      const c = app.call || app.previousCall;
      return c ? Object.assign({}, c.restarts) : null;
    },
    // {startedAt, connectedAt} in Date.now() milliseconds, of the current or last call
    get timing() {
      const c = app.call || app.previousCall;
      return c ? { startedAt: c.startedAt, connectedAt: c.connectedAt } : null;
    },
    descriptions() {
      const c = app.call || app.previousCall;
      const pc = c && c.pc;
      return {
        local: pc && pc.localDescription ? pc.localDescription.sdp : null,
        remote: pc && pc.remoteDescription ? pc.remoteDescription.sdp : null,
      };
    },
    stats,
    register, call: placeCall, accept: acceptCall, reject: rejectCall, hangup, mute: toggleMute, iceRestart,
  };

  setState('idle');
}());
