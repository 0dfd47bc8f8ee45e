// One call: its RTCPeerConnection, its local media and the frames of docs/protocol.md that carry it.
// A Call is made by its Client (client.call() or an incoming `ring` / `offer`); pages never construct one.
import { Emitter } from './emitter.js';
import { describeError } from './words.js';

/** States a call goes through, in order (any of them may jump to `ended`). */
export const CALL_STATES = Object.freeze(['calling', 'ringing', 'incoming', 'connecting', 'active', 'ended']);
const SETUP_STATES = new Set(['calling', 'ringing', 'incoming', 'connecting']);

// Call errors that mean the call never got going: the SDK ends it on both sides.
export const FATAL_CALL_ERRORS = new Set(['bad-jid', 'bad-sdp', 'duplicate-call', 'not-registered', 'unknown-call',
  'bad-frame', 'rate-limited', 'too-many-calls', 'too-large', 'shutting-down']);

const hasVideo = (sdp) => /\r?\nm=video /.test('\n' + sdp);

function ufragOf(description) {
  const m = /a=ice-ufrag:(\S+)/.exec(description ? description.sdp : '');
  return m ? m[1] : undefined;
}

export class Call extends Emitter {
  #client;
  #env;
  #chain = Promise.resolve();     // remote operations, in arrival order
  #signalled = false;             // our description frame went out: candidates may follow
  #pendingCandidates = [];
  #endSentFor = null;             // the local ufrag whose end of candidates was sent
  #acceptResolve;
  #accepted;

  /** @internal made by Client */
  constructor(client, env, { id, peer, direction, media, direct = false }) {
    super();
    this.#client = client;
    this.#env = env;
    this.id = id;
    this.peer = peer;
    this.direction = direction;
    this.media = { audio: media.audio !== false, video: Boolean(media.video) };
    this.direct = direct;
    this.state = direction === 'outgoing' ? 'calling' : 'incoming';
    this.pc = null;
    this.localStream = null;
    this.remoteStream = env.MediaStream ? new env.MediaStream() : null;
    this.muted = false;
    this.restarts = { local: 0, remote: 0, answered: 0 };
    this.startedAt = Date.now();
    this.connectedAt = null;
    this.ended = null;              // { reason, text, by: 'local' | 'remote' } once ended
    this.#accepted = new Promise((resolve) => { this.#acceptResolve = resolve; });
  }

  // ---- what pages call ---------------------------------------------------------------------------------------

  /** Answers an incoming call (a `ring` or a direct `offer`) with this page's microphone (and camera if offered). */
  accept() {
    if (this.state !== 'incoming') {
      return;
    }
    if (!this.direct) {
      this.#send({ type: 'accept', callId: this.id });
    }
    this.#setState('connecting');
    this.#acceptResolve(true);
  }

  /** Declines an incoming call. */
  reject() {
    if (this.state !== 'incoming') {
      return;
    }
    this.#send({ type: 'reject', callId: this.id });
    this._end('decline', '', 'local');
  }

  /** Ends the call with an XEP-0166 reason (default `success`). */
  hangup(reason = 'success', text = '') {
    if (this.state === 'ended') {
      return;
    }
    const frame = { type: 'hangup', callId: this.id, reason };
    if (text) {
      frame.text = text;
    }
    this.#send(frame);
    this._end(reason, text, 'local');
  }

  /** Mutes (true) or unmutes (false) the microphone; without an argument it toggles. Returns the new value. */
  mute(muted = !this.muted) {
    this.muted = Boolean(muted);
    if (this.localStream) {
      for (const track of this.localStream.getAudioTracks()) {
        track.enabled = !this.muted;
      }
    }
    this.emit('mute', { muted: this.muted });
    return this.muted;
  }

  /** An ICE restart (docs/calls.md): a new offer with new ICE credentials; the answer comes as an `answer` frame. */
  restartIce() {
    if (!this.pc || this.state === 'ended') {
      return Promise.resolve();
    }
    return this.#remoteOp(async () => {
      const offer = await this.pc.createOffer({ iceRestart: true });
      await this.pc.setLocalDescription(offer);
      this.restarts.local++;
      this.#send({ type: 'offer', callId: this.id, sdp: offer.sdp });
      this.emit('restart', { by: 'local' });
    });
  }

  /** The peer connection's states and the bytes sent and received per kind of media, from getStats(). */
  async stats() {
    const pc = this.pc;
    const out = {
      connectionState: pc ? pc.connectionState : 'closed',
      iceConnectionState: pc ? pc.iceConnectionState : 'closed',
      signalingState: pc ? pc.signalingState : 'closed',
      iceGatheringState: pc ? pc.iceGatheringState : 'complete',
      inbound: { audio: 0, video: 0 },
      outbound: { audio: 0, video: 0 },
      localUfrag: this.localUfrag() || null,
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

  /** The local and remote SDP as the peer connection holds them now (null before there is one). */
  descriptions() {
    const pc = this.pc;
    return {
      local: pc && pc.localDescription ? pc.localDescription.sdp : null,
      remote: pc && pc.remoteDescription ? pc.remoteDescription.sdp : null,
    };
  }

  localUfrag() {
    return this.pc ? ufragOf(this.pc.localDescription) : undefined;
  }

  // ---- what the Client calls ---------------------------------------------------------------------------------

  /** @internal Starts an outgoing call: media, offer, then the `call` frame and the candidates gathered so far. */
  async _place() {
    try {
      const stream = await this.#getMedia();
      const pc = this.#createPeerConnection();
      for (const track of stream.getTracks()) {
        pc.addTrack(track, stream);
      }
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      if (this.state === 'ended') {
        return;
      }
      this.#sendDescriptionThenCandidates({ type: 'call', callId: this.id, to: this.peer, sdp: offer.sdp });
    } catch (e) {
      this.#fail(e);
    }
  }

  /** @internal An incoming direct offer (no ring before it): answered once the page accepts. */
  _offered(sdp) {
    this.#remoteOp(() => this.#onInitialOffer(sdp));
  }

  /** @internal A frame from the gateway for this call. */
  _frame(frame) {
    switch (frame.type) {
      case 'ringing':
        if (this.state === 'calling') {
          this.#setState('ringing');
          this.emit('ringing', {});
        }
        break;
      case 'offer':
        if (this.pc && this.pc.remoteDescription) {
          this.#remoteOp(() => this.#onRenegotiationOffer(frame.sdp));
        } else {
          this.#remoteOp(() => this.#onInitialOffer(frame.sdp));
        }
        break;
      case 'answer':
        this.#remoteOp(() => this.#onAnswer(frame.sdp));
        break;
      case 'candidate':
        this.#remoteOp(() => this.#addRemoteCandidate(frame));
        break;
      case 'hangup':
        this._end(frame.reason || 'success', frame.text || '', 'remote');
        break;
      case 'info':
        this.emit('info', { info: frame.info, name: frame.name || null });
        break;
      case 'error':
        this.#onError(frame);
        break;
      default:
        break;
    }
  }

  /** @internal New ICE servers for the next gathering (fresh TURN logins). */
  _iceServers(iceServers) {
    if (this.pc && this.state !== 'ended') {
      this.pc.setConfiguration({ iceServers });
    }
  }

  /** @internal Ends the call here (the gateway has been told already, or has let the call go itself). */
  _end(reason, text, by) {
    if (this.state === 'ended') {
      return;
    }
    this.ended = { reason, text: text || '', by };
    if (this.pc) {
      this.pc.close();
    }
    if (this.localStream) {
      this.localStream.getTracks().forEach((t) => t.stop());
    }
    this.#acceptResolve(false);
    this.#setState('ended');
    this.emit('hangup', this.ended);
    this.#client._callEnded(this);
  }

  // ---- inside ------------------------------------------------------------------------------------------------

  #send(frame) {
    return this.#client._send(frame);
  }

  #setState(state) {
    if (this.state === state) {
      return;
    }
    const from = this.state;
    this.state = state;
    this.emit('state', { state, from });
  }

  #onError(frame) {
    const error = { code: frame.code, message: frame.message || '', callId: this.id };
    this.emit('error', error);
    if (FATAL_CALL_ERRORS.has(frame.code) && SETUP_STATES.has(this.state)) {
      // the gateway may still hold the call (an answer it could not read): let it go there too
      this.#send({ type: 'hangup', callId: this.id, reason: 'failed-application' });
      this._end('failed-application', describeError(frame.code), 'local');
    }
  }

  /** A WebRTC step failed: a call not yet up ends on both sides, not at the gateway's ring timeout. */
  #fail(e) {
    const media = e && e.sdkCode === 'media';
    this.emit('error', { code: media ? 'media' : 'webrtc', message: e && e.message ? e.message : String(e),
      callId: this.id });
    if (this.state !== 'active' && this.state !== 'ended') {
      const reason = media || (e && e.name === 'NotAllowedError') ? 'media-error' : 'failed-application';
      this.#send({ type: 'hangup', callId: this.id, reason });
      this._end(reason, e && e.message ? e.message : '', 'local');
    }
  }

  // Remote descriptions and candidates are applied one after the other, in arrival order, so a candidate is never
  // added before the description it belongs to.
  #remoteOp(fn) {
    this.#chain = this.#chain.then(() => (this.state === 'ended' ? undefined : fn())).catch((e) => this.#fail(e));
    return this.#chain;
  }

  async #getMedia() {
    const constraints = { audio: this.media.audio, video: this.media.video };
    try {
      this.localStream = await this.#env.getUserMedia(constraints);
    } catch (e) {
      const what = this.media.video ? 'microphone and camera' : 'microphone';
      throw Object.assign(new Error('cannot use the ' + what + ': ' + e.message), { sdkCode: 'media', name: e.name });
    }
    if (this.muted) {
      this.mute(true);
    }
    this.emit('localstream', { stream: this.localStream });
    return this.localStream;
  }

  #createPeerConnection() {
    const pc = new this.#env.RTCPeerConnection({ iceServers: this.#client.iceServers });
    this.pc = pc;
    pc.onicecandidate = (event) => this.#onLocalCandidate(event.candidate);
    pc.ontrack = (event) => {
      if (this.remoteStream) {
        this.remoteStream.addTrack(event.track);
      }
      this.emit('track', { track: event.track, stream: this.remoteStream });
    };
    pc.onconnectionstatechange = () => {
      this.emit('connectionstate', { connectionState: pc.connectionState });
      if (pc.connectionState === 'connected' && this.state !== 'ended') {
        if (!this.connectedAt) {
          this.connectedAt = Date.now();
        }
        this.#setState('active');
      }
    };
    pc.oniceconnectionstatechange = () => {
      this.emit('iceconnectionstate', { iceConnectionState: pc.iceConnectionState });
    };
    return pc;
  }

  #sendDescriptionThenCandidates(frame) {
    this.#send(frame);
    this.#signalled = true;
    for (const candidateFrame of this.#pendingCandidates.splice(0)) {
      this.#send(candidateFrame);
    }
  }

  #onLocalCandidate(candidate) {
    if (this.state === 'ended') {
      return;
    }
    let frame;
    if (candidate && candidate.candidate) {
      const init = typeof candidate.toJSON === 'function' ? candidate.toJSON() : candidate;
      frame = { type: 'candidate', callId: this.id, candidate: init.candidate, sdpMid: init.sdpMid,
        sdpMLineIndex: init.sdpMLineIndex, usernameFragment: init.usernameFragment || this.localUfrag() };
    } else {
      // end of candidates: an event with candidate "" (per m-line) or null (all done); sent once per generation
      const ufrag = (candidate && candidate.usernameFragment) || this.localUfrag();
      if (this.#endSentFor === ufrag) {
        return;
      }
      this.#endSentFor = ufrag;
      const first = this.pc.getTransceivers().find((t) => t.mid !== null);
      frame = { type: 'candidate', callId: this.id, candidate: '', sdpMid: first ? first.mid : '0',
        sdpMLineIndex: 0, usernameFragment: ufrag };
    }
    if (this.#signalled) {
      this.#send(frame);
    } else {
      this.#pendingCandidates.push(frame);
    }
  }

  async #onAnswer(sdp) {
    if (!this.pc || this.pc.signalingState !== 'have-local-offer') {
      throw new Error('the gateway sent an answer, but this page has no offer out');
    }
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
    if (this.restarts.local > this.restarts.answered) {
      this.restarts.answered++;
      this.emit('restart', { by: 'local', answered: true });
    } else if (this.state === 'calling' || this.state === 'ringing') {
      this.#setState('connecting');
      this.emit('answered', {});
    }
  }

  async #onInitialOffer(sdp) {
    await this.#accepted;   // resolved when the page accepts (or false when the call ended first)
    if (this.state === 'ended') {
      return;
    }
    this.media.video = this.media.video && hasVideo(sdp);
    const stream = await this.#getMedia();
    const pc = this.#createPeerConnection();
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
    if (this.state === 'ended') {
      return;
    }
    this.#sendDescriptionThenCandidates({ type: 'answer', callId: this.id, sdp: answer.sdp });
    if (this.state !== 'active') {
      this.#setState('connecting');
    }
  }

  // The far end restarted ICE (docs/calls.md): its new description comes as an `offer` frame.
  async #onRenegotiationOffer(sdp) {
    const pc = this.pc;
    if (pc.signalingState !== 'stable') {
      // glare with our own restart: theirs wins here, ours is rolled back
      await pc.setLocalDescription({ type: 'rollback' });
      this.restarts.local = this.restarts.answered;
    }
    await pc.setRemoteDescription({ type: 'offer', sdp });
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    this.restarts.remote++;
    this.#send({ type: 'answer', callId: this.id, sdp: answer.sdp });
    this.emit('restart', { by: 'remote' });
  }

  async #addRemoteCandidate(frame) {
    if (!this.pc || !this.pc.remoteDescription) {
      this.#client._log('! candidate before any remote description: dropped');
      return;
    }
    const init = { candidate: frame.candidate, sdpMid: frame.sdpMid, sdpMLineIndex: frame.sdpMLineIndex };
    if (frame.usernameFragment) {
      init.usernameFragment = frame.usernameFragment;
    }
    try {
      await this.pc.addIceCandidate(init);
    } catch (e) {
      // an end of candidates or a candidate of an old ICE generation may be refused; the call goes on
      this.#client._log('! addIceCandidate: ' + e.message);
    }
  }
}

export { hasVideo };
