// jingle-gateway browser SDK: WebRTC calls to XMPP (Jingle) users through the gateway's WebSocket.
// Plain ES modules, no build step, no dependencies: served by the gateway at /sdk/jingle-gateway.js.
// It speaks the JSON frames of docs/protocol.md; the API is in docs/sdk.md and jingle-gateway.d.ts.
//
//   import { connect } from 'https://gateway.example.org/sdk/jingle-gateway.js';
//   const client = connect('wss://gateway.example.org/ws', { user: 'alice', token });
//   (or connect(['wss://gw1.example.org/ws', 'wss://gw2.example.org/ws'], ...): the instances of one gateway)
//   client.on('incoming', (call) => call.accept());
//   const call = client.call('bob@example.org', { audio: true, video: true });
//   call.on('track', ({ stream }) => { video.srcObject = stream; });
import { Emitter } from './emitter.js';
import { Call } from './call.js';

export { Call, CALL_STATES, FATAL_CALL_ERRORS } from './call.js';
export { ERROR_WORDS, SDK_ERROR_WORDS, REASON_WORDS, describeError, describeReason } from './words.js';
export { Emitter } from './emitter.js';

export const VERSION = '0.1.0';

// Close codes after which the gateway does not want this socket back: a refused registration or an administrator's
// "disconnect" (1008, docs/protocol.md §1).
const NO_RECONNECT_CLOSE_CODES = new Set([1008]);
// "Service restart": a gateway instance that stops hands its calls to the others; resume elsewhere at once.
const RESTART_CLOSE_CODE = 1012;
// Registration errors that end the client: retrying the same register would fail the same way.
const FATAL_REGISTER_ERRORS = new Set(['auth-failed', 'bad-user', 'already-registered', 'bad-frame', 'bad-json']);
const STORAGE_PREFIX = 'jingle-gateway.resume:';
// Frames kept while the socket is down (candidates, hang-ups), sent in order after the resume.
const MAX_OUTBOX = 500;
const MAX_ENDED_IDS = 64;

const DEFAULTS = {
  resume: true,
  reconnectMinMs: 500,
  reconnectMaxMs: 10000,
  pingSeconds: 10,
  pongTimeoutMs: 5000,
};

/** The browser's own implementations, or the ones given in options.env (tests, other runtimes). */
function environment(env = {}) {
  const g = globalThis;
  const storage = () => {
    try {
      return g.sessionStorage || null;
    } catch (e) {
      return null;   // storage disabled (e.g. third-party iframes with blocked cookies)
    }
  };
  return {
    WebSocket: env.WebSocket || g.WebSocket,
    RTCPeerConnection: env.RTCPeerConnection || g.RTCPeerConnection,
    MediaStream: env.MediaStream || g.MediaStream,
    getUserMedia: env.getUserMedia
      || ((constraints) => g.navigator.mediaDevices.getUserMedia(constraints)),
    storage: env.storage === undefined ? storage() : env.storage,
    window: env.window === undefined ? (typeof g.addEventListener === 'function' ? g : null) : env.window,
    random: env.random || Math.random,
    setTimeout: env.setTimeout || ((fn, ms) => g.setTimeout(fn, ms)),
    clearTimeout: env.clearTimeout || ((id) => g.clearTimeout(id)),
    setInterval: env.setInterval || ((fn, ms) => g.setInterval(fn, ms)),
    clearInterval: env.clearInterval || ((id) => g.clearInterval(id)),
    now: env.now || (() => Date.now()),
  };
}

function sdkError(code, message, extra = {}) {
  return Object.assign(new Error(message), { code }, extra);
}

const OPEN = 1;

const isString = (v) => typeof v === 'string';
const isWsUrl = (v) => isString(v) && /^wss?:\/\//.test(v);
const isIceServers = (v) => Array.isArray(v) && v.every((s) => s !== null && typeof s === 'object' && !Array.isArray(s));

/**
 * What is wrong with a frame from the gateway, or null: a field the SDK would hand to the peer connection or show must
 * have the type docs/protocol.md gives it. A frame with a problem is logged with it and dropped.
 */
function frameProblem(frame) {
  switch (frame.type) {
    case 'registered':
      return !isString(frame.jid) ? 'jid is not a string'
        : frame.iceServers !== undefined && !isIceServers(frame.iceServers) ? 'iceServers is not a list of objects'
          : null;
    case 'ice-servers':
      return isIceServers(frame.iceServers) ? null : 'iceServers is not a list of objects';
    case 'offer':
    case 'answer':
      return isString(frame.sdp) ? null : 'sdp is not a string';
    case 'candidate':
      return isString(frame.candidate) ? null : 'candidate is not a string';
    case 'error':
      return isString(frame.code) ? null : 'code is not a string';
    default:
      return null;
  }
}

/**
 * One registered device of a user: a WebSocket to the gateway, kept up (and resumed) until close().
 * Made by connect(); states `connecting` → `registered` ⇄ `reconnecting` → `closed`.
 */
export class Client extends Emitter {
  #env;
  #options;
  #ws = null;
  #calls = new Map();
  #endedIds = [];
  #foreignIds = new Set();   // calls the gateway still held for this device that this page does not know
  #outbox = [];
  #resumeToken = null;
  #resumeSent = false;
  // the token of a resume sent on the current socket and not answered yet (see #socketGone)
  #resumeInFlight = null;
  #resumeFromStorage = false;
  #everRegistered = false;
  #attempt = 0;
  #retryTimer = null;
  #urls;
  #urlIndex = 0;
  #untried = 0;             // URLs not yet tried for the first connection
  #pingTimer = null;
  #pongTimer = null;
  #lastHeard = 0;           // env.now() of the last sign of life from the current socket
  #lastPing = 0;
  #readyResolve;
  #readyReject;
  #nextId = 1;
  #onOnline = () => this.#networkChanged();
  // a page that goes away (closed, reloaded, navigated) cannot carry its calls along: the peers hear it now rather
  // than when the gateway's resume window closes
  #onPageHide = (event) => {
    if (!(event && event.persisted)) {
      for (const call of this.calls) {
        call.hangup('gone', 'the page was closed');
      }
    }
  };

  constructor(url, options = {}) {
    super();
    const urls = Array.isArray(url) ? url.slice() : [url];
    if (urls.length === 0 || !urls.every(isWsUrl)) {
      throw sdkError('bad-argument', 'connect(url): url must be a ws:// or wss:// URL or a non-empty list of them,'
        + ' found ' + String(url));
    }
    if (!(options.pingSeconds === undefined || (Number.isFinite(options.pingSeconds) && options.pingSeconds > 0))) {
      throw sdkError('bad-argument', 'connect(url, {pingSeconds}): pingSeconds must be a positive number');
    }
    if (typeof options.user !== 'string' || options.user === '') {
      throw sdkError('bad-argument', 'connect(url, {user}): user must be a non-empty string');
    }
    this.#urls = urls;
    this.#untried = urls.length - 1;
    this.urls = Object.freeze(urls.slice());
    this.url = urls[0];
    this.user = options.user;
    this.#options = { ...DEFAULTS, ...options };
    this.#env = environment(options.env);
    this.state = 'connecting';
    this.jid = null;
    this.iceServers = [];
    this.ready = new Promise((resolve, reject) => {
      this.#readyResolve = resolve;
      this.#readyReject = reject;
    });
    // a rejection nobody waits for is not an unhandled error: the same failure is an `error` event
    this.ready.catch(() => {});
    if (this.#options.resume) {
      this.#resumeToken = this.#loadToken();
      this.#resumeFromStorage = this.#resumeToken !== null;
    }
    if (this.#env.window) {
      this.#env.window.addEventListener('online', this.#onOnline);
      this.#env.window.addEventListener('pagehide', this.#onPageHide);
    }
    this.#open();
  }

  /** The calls in progress (not ended). */
  get calls() {
    return [...this.#calls.values()];
  }

  /** Places a call to a bare or full JID; listen on the returned Call for its progress. */
  call(to, media = {}) {
    if (typeof to !== 'string' || to.trim() === '') {
      throw sdkError('bad-argument', 'call(to): to must be a JID');
    }
    const audio = media.audio !== false;
    const video = Boolean(media.video);
    if (!audio && !video) {
      throw sdkError('bad-argument', 'call(to, {audio, video}): at least one of audio and video');
    }
    if (this.state === 'closed') {
      throw sdkError('not-connected', 'call(): the client is closed');
    }
    const id = 'c' + Date.now().toString(36) + '-' + (this.#nextId++)
      + '-' + Math.floor(this.#env.random() * 1e6).toString(36);
    const call = new Call(this, this.#env, { id, peer: to.trim(), direction: 'outgoing', media: { audio, video } });
    this.#calls.set(id, call);
    // the page gets the Call first and may add its listeners before anything happens
    queueMicrotask(() => call._place());
    return call;
  }

  /** Hangs up every call, closes the socket and forgets the resume token. The client cannot be used again. */
  close() {
    if (this.state === 'closed') {
      return;
    }
    for (const call of this.calls) {
      call.hangup('success');
    }
    this.#shutdown('closed by the page');
    if (this.#ws) {
      const ws = this.#ws;
      this.#ws = null;
      this.#detach(ws);
      ws.close(1000, 'bye');
    }
  }

  /**
   * For tests: drops the socket as a network failure would (the gateway keeps the device for its resume window)
   * and lets the client resume on a new one.
   */
  dropSocket() {
    if (this.#ws) {
      this.#abandon(this.#ws, 4000, 'dropped by the page (test)');
    }
  }

  // ---- what calls use ----------------------------------------------------------------------------------------

  /** @internal Sends a frame now, or keeps it for after the resume while the socket is down. */
  _send(frame) {
    const ws = this.#ws;
    if (this.state === 'registered' && ws && ws.readyState === OPEN) {
      ws.send(JSON.stringify(frame));
      this.#logFrame('>', frame);
      return true;
    }
    if (this.state !== 'closed') {
      if (this.#outbox.length >= MAX_OUTBOX) {
        this._log('! outbox full: ' + frame.type + ' dropped');
        return false;
      }
      this.#outbox.push(frame);
      this._log('(held) ' + frame.type + (frame.callId ? ' ' + frame.callId : ''));
      return true;
    }
    this.emit('error', { code: 'not-connected', message: 'the client is closed', callId: frame.callId || null });
    return false;
  }

  /** @internal */
  _callEnded(call) {
    this.#calls.delete(call.id);
    this.#endedIds.push(call.id);
    if (this.#endedIds.length > MAX_ENDED_IDS) {
      this.#endedIds.shift();
    }
  }

  /** @internal a line for the page's event log */
  _log(text) {
    this.emit('log', { text });
  }

  // ---- the socket --------------------------------------------------------------------------------------------

  #open() {
    this.url = this.#urls[this.#urlIndex];
    let ws;
    try {
      ws = new this.#env.WebSocket(this.url);
    } catch (e) {
      this.#socketGone(null, false, { code: 0, reason: e.message });
      return;
    }
    this.#ws = ws;
    let opened = false;
    // a frozen gateway keeps its sockets open and answers nothing, not even the handshake: the watchdog runs from now
    this.#startWatchdog(ws);
    ws.onopen = () => {
      opened = true;
      this.#lastHeard = this.#env.now();
      this._log('socket open ' + this.url);
      this.#sendRegister(ws);
    };
    ws.onmessage = (event) => {
      this.#lastHeard = this.#env.now();
      this.#onMessage(event.data);
    };
    ws.onerror = () => {};   // a close event follows, with what there is to know
    ws.onclose = (event) => {
      if (this.#ws === ws) {
        this.#ws = null;
        this.#socketGone(ws, opened, event);
      }
    };
  }

  #detach(ws) {
    ws.onopen = null;
    ws.onmessage = null;
    ws.onerror = null;
    ws.onclose = null;
  }

  /** Gives a socket up at once (a close handshake on a dead network can take minutes). */
  #abandon(ws, code, reason) {
    this.#detach(ws);
    this.#ws = null;
    try {
      ws.close(code, reason);
    } catch (e) {
      // already closing
    }
    this.#socketGone(ws, true, { code, reason });
  }

  async #sendRegister(ws) {
    const frame = { type: 'register', user: this.user };
    let token = this.#options.token;
    if (typeof token === 'function') {
      // a fresh token for every registration (a short-lived JWT would have expired by a reconnect)
      try {
        token = await token();
      } catch (e) {
        this.#fail(sdkError('auth-failed', 'the page could not get a token: ' + e.message));
        return;
      }
      if (this.#ws !== ws || ws.readyState !== OPEN) {
        return;
      }
    }
    if (token) {
      frame.token = String(token);
    }
    this.#resumeSent = Boolean(this.#resumeToken);
    if (this.#resumeSent) {
      frame.resume = this.#resumeToken;
      this.#resumeInFlight = this.#resumeToken;
      this.#resumeToken = null;   // single use
    }
    ws.send(JSON.stringify(frame));
    this.#logFrame('>', frame);
  }

  #socketGone(ws, opened, event) {
    this.#stopPing();
    if (this.state === 'closed') {
      return;
    }
    const code = event && event.code;
    this._log('socket closed' + (code ? ' ' + code : '') + (event && event.reason ? ' ' + event.reason : ''));
    if (this.#resumeInFlight !== null) {
      // the socket closed before any answer to the resume: the token was not spent (an instance out of its cluster
      // closes with 1013 before it answers), so the next attempt resumes with it again
      this.#resumeToken = this.#resumeInFlight;
      this.#resumeInFlight = null;
      this.#resumeSent = false;
    }
    if (!this.#everRegistered && this.#untried > 0) {
      // the first connection failed but another instance of the gateway is listed: try it now
      this.#untried--;
      this.#urlIndex = (this.#urlIndex + 1) % this.#urls.length;
      this.#open();
      return;
    }
    if (!this.#everRegistered) {
      // the first connection failed: nothing to keep, and the page wants to know now
      const message = opened ? 'the gateway closed the connection before registration'
        + (event && event.reason ? ' (' + event.reason + ')' : '')
        : 'cannot reach the gateway at ' + this.#urls.join(', ');
      this.#fail(sdkError('unreachable', message));
      return;
    }
    if (NO_RECONNECT_CLOSE_CODES.has(code)) {
      this.#endAllCalls('gone', 'the gateway closed the connection');
      this.#fail(sdkError('not-connected', 'the gateway closed the connection (' + code
        + (event.reason ? ' ' + event.reason : '') + ')'));
      return;
    }
    if (!this.#resumeToken) {
      // a gateway without resume (docs/protocol.md §8) has already ended this device's calls
      this.#endAllCalls('gone', 'the connection to the gateway closed');
    }
    if (code === RESTART_CLOSE_CODE) {
      // the instance is going away and its calls wait for this device elsewhere: no backoff
      this.#attempt = 0;
    }
    this.#setState('reconnecting');
    this.#scheduleReconnect();
  }

  #scheduleReconnect() {
    const attempt = this.#attempt++;
    const { reconnectMinMs, reconnectMaxMs } = this.#options;
    // at once the first time, then exponential with jitter so that a restarted gateway is not hit all at once
    const base = attempt === 0 ? 0 : Math.min(reconnectMaxMs, reconnectMinMs * 2 ** (attempt - 1));
    const delayMs = Math.round(base * (0.8 + 0.4 * this.#env.random()));
    // each attempt goes to the next instance of the list: the one that dropped the socket may be gone
    this.#urlIndex = (this.#urlIndex + 1) % this.#urls.length;
    this.emit('reconnecting', { attempt: attempt + 1, delayMs, resumable: this.#resumeToken !== null,
      url: this.#urls[this.#urlIndex] });
    this.#retryTimer = this.#env.setTimeout(() => {
      this.#retryTimer = null;
      this.#open();
    }, delayMs);
  }

  #networkChanged() {
    this._log('network online');
    if (this.state === 'reconnecting' && this.#retryTimer !== null) {
      // the network is back: try now rather than at the end of the backoff
      this.#env.clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
      this.#open();
    } else if (this.state === 'registered' && this.#ws) {
      // the socket may be dead without knowing it (its route went away): a ping must come back in time
      this.#probe(this.#ws);
    }
  }

  #probe(ws) {
    if (this.#pongTimer !== null || ws.readyState !== OPEN) {
      return;
    }
    ws.send(JSON.stringify({ type: 'ping' }));
    this.#pongTimer = this.#env.setTimeout(() => {
      this.#pongTimer = null;
      if (this.#ws === ws) {
        this._log('! no pong within ' + this.#options.pongTimeoutMs + ' ms: reconnecting');
        this.#abandon(ws, 4001, 'no pong');
      }
    }, this.#options.pongTimeoutMs);
  }

  /**
   * Every pingSeconds a `ping` frame once registered (for proxies that close sockets without data frames, and so
   * that a live gateway always has something to say); a socket from which nothing came for 2 x pingSeconds (a
   * frozen gateway, a dead route) is given up and the device resumes as after a drop. Checked twice per period.
   */
  #startWatchdog(ws) {
    this.#stopPing();
    const periodMs = this.#options.pingSeconds * 1000;
    this.#lastHeard = this.#env.now();
    this.#lastPing = this.#lastHeard;
    this.#pingTimer = this.#env.setInterval(() => {
      if (this.#ws !== ws) {
        return;
      }
      const now = this.#env.now();
      if (now - this.#lastHeard >= 2 * periodMs) {
        this._log('! nothing from the gateway for ' + Math.round((now - this.#lastHeard) / 1000) + ' s: reconnecting');
        this.#abandon(ws, 4002, 'gateway silent');
        return;
      }
      if (this.state === 'registered' && ws.readyState === OPEN && now - this.#lastPing >= periodMs) {
        this.#lastPing = now;
        ws.send(JSON.stringify({ type: 'ping' }));
      }
    }, periodMs / 2);
  }

  #stopPing() {
    if (this.#pingTimer !== null) {
      this.#env.clearInterval(this.#pingTimer);
      this.#pingTimer = null;
    }
    if (this.#pongTimer !== null) {
      this.#env.clearTimeout(this.#pongTimer);
      this.#pongTimer = null;
    }
  }

  // ---- frames from the gateway -------------------------------------------------------------------------------

  #onMessage(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch (e) {
      this._log('! unreadable frame from the gateway');
      return;
    }
    if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') {
      this._log('! frame without a type from the gateway');
      return;
    }
    const problem = frameProblem(frame);
    if (problem) {
      this._log('! ' + frame.type.slice(0, 40) + ' frame from the gateway dropped: ' + problem);
      return;
    }
    this.#logFrame('<', frame);
    switch (frame.type) {
      case 'registered':
        this.#onRegistered(frame);
        return;
      case 'pong':
        if (this.#pongTimer !== null) {
          this.#env.clearTimeout(this.#pongTimer);
          this.#pongTimer = null;
        }
        return;
      case 'ice-servers':
        // fresh TURN logins: new connections use them, and so do current calls' next ICE gatherings
        this.iceServers = frame.iceServers;
        for (const call of this.calls) {
          call._iceServers(this.iceServers);
        }
        this.emit('ice-servers', { iceServers: this.iceServers });
        return;
      case 'error':
        this.#onErrorFrame(frame);
        return;
      case 'ring':
        this.#onIncoming(frame, false);
        return;
      default:
        break;
    }
    const call = typeof frame.callId === 'string' ? this.#calls.get(frame.callId) : undefined;
    if (call) {
      call._frame(frame);
    } else if (frame.type === 'offer' && !this.#known(frame.callId)) {
      this.#onIncoming(frame, true);
    } else {
      this._log('! ' + frame.type + ' for no current call (' + frame.callId + ')');
    }
  }

  #known(callId) {
    return this.#endedIds.includes(callId) || this.#foreignIds.has(callId);
  }

  #onIncoming(frame, direct) {
    if (typeof frame.callId !== 'string' || this.#calls.has(frame.callId) || this.#known(frame.callId)) {
      return;
    }
    const media = direct ? { audio: true, video: /\r?\nm=video /.test('\n' + frame.sdp) }
      : { audio: true, video: Array.isArray(frame.media) && frame.media.includes('video') };
    const call = new Call(this, this.#env, { id: frame.callId, peer: String(frame.from || ''),
      direction: 'incoming', media, direct });
    call.offeredMedia = direct ? (media.video ? ['audio', 'video'] : ['audio'])
      : (Array.isArray(frame.media) ? frame.media.slice() : ['audio']);
    this.#calls.set(call.id, call);
    if (direct) {
      call._offered(frame.sdp);
    }
    this.emit('incoming', call);
  }

  #onRegistered(frame) {
    this.#resumeInFlight = null;
    // a gateway that does not know `resume` answers as to a fresh register: no `calls`
    const resumed = this.#resumeSent && Array.isArray(frame.calls);
    const resumeRefused = this.#resumeSent && !resumed;
    const wasRegistered = this.#everRegistered;
    this.#resumeSent = false;
    this.jid = frame.jid;
    if (Array.isArray(frame.iceServers)) {
      this.iceServers = frame.iceServers;
    }
    this.#resumeToken = typeof frame.resume === 'string' && this.#options.resume ? frame.resume : null;
    this.#storeToken();
    this.#attempt = 0;
    this.#everRegistered = true;
    this.#setState('registered');
    if (resumed) {
      // the gateway's list is the truth: calls it no longer has are over; calls this page does not know (a reload)
      // are let go
      const going = new Set(frame.calls.map((c) => c && c.callId));
      for (const call of this.calls) {
        if (!going.has(call.id)) {
          call._end('gone', 'the gateway ended the call while this page was away', 'remote');
        }
      }
      for (const callId of going) {
        if (typeof callId === 'string' && !this.#calls.has(callId) && !this.#foreignIds.has(callId)) {
          this.#foreignIds.add(callId);
          this._send({ type: 'hangup', callId, reason: 'gone' });
        }
      }
    } else if (resumeRefused) {
      this.#endAllCalls('gone', 'the gateway did not resume this device');
    }
    // calls of an old socket that could not be resumed were ended when it closed: what is held now is for calls
    // that live on (resumed, or placed while the socket was down)
    const held = this.#outbox.splice(0).filter((f) => this.#calls.has(f.callId) || this.#foreignIds.has(f.callId));
    this.#resumeFromStorage = false;
    for (const f of held) {
      this._send(f);
    }
    const detail = { jid: this.jid, resumed, url: this.url,
      calls: this.calls.map((c) => ({ callId: c.id, state: c.state })) };
    if (wasRegistered) {
      this.emit('reconnected', detail);
      // media whose path broke with the network gets a new one
      for (const call of this.calls) {
        const ice = call.pc ? call.pc.iceConnectionState : null;
        if (call.state === 'active' && (ice === 'disconnected' || ice === 'failed')) {
          call.restartIce();
        }
      }
    } else {
      this.#readyResolve(this.jid);
    }
    this.emit('registered', detail);
  }

  #onErrorFrame(frame) {
    const error = { code: frame.code, message: String(frame.message || ''), callId: frame.callId || null };
    if (error.code === 'resume-failed') {
      this.#resumeInFlight = null;
      this.#onResumeFailed(error);
      return;
    }
    const call = error.callId ? this.#calls.get(error.callId) : undefined;
    if (!call && error.code === 'unknown-call' && this.#known(error.callId)) {
      // the gateway had already let the call go when this page said so: nothing to show
      return;
    }
    if (!this.#everRegistered && FATAL_REGISTER_ERRORS.has(error.code)) {
      this.emit('error', error);
      this.#fail(sdkError(error.code, error.message), false);
      if (this.#ws) {
        const ws = this.#ws;
        this.#ws = null;
        this.#detach(ws);
        ws.close(1000, 'registration refused');
      }
      return;
    }
    if (call) {
      call._frame(frame);   // a call's errors are the call's events
    } else {
      this.emit('error', error);
    }
  }

  #onResumeFailed(error) {
    const lost = this.calls.length;
    this.#endAllCalls('gone', 'the gateway could not resume this device (' + (error.message || 'resume-failed')
      + ')');
    // a reload whose token had expired lost nothing: only a lost call is worth an error
    if (lost > 0 || !this.#resumeFromStorage) {
      this.emit('error', { ...error, lostCalls: lost });
    }
    this.#resumeFromStorage = false;
    this.#clearStoredToken();
    if (this.#ws && this.#ws.readyState === OPEN) {
      this.#sendRegister(this.#ws);
    }
  }

  // ---- state, storage ----------------------------------------------------------------------------------------

  #setState(state) {
    if (this.state !== state) {
      const from = this.state;
      this.state = state;
      this.emit('state', { state, from });
    }
  }

  #endAllCalls(reason, text) {
    for (const call of this.calls) {
      call._end(reason, text, 'local');
    }
    this.#outbox = this.#outbox.filter((f) => this.#calls.has(f.callId));
  }

  #fail(error, emit = true) {
    if (emit) {
      this.emit('error', { code: error.code, message: error.message, callId: null });
    }
    this.#readyReject(error);
    this.#shutdown(error.message);
  }

  #shutdown(why) {
    this.#setState('closed');
    this.#stopPing();
    if (this.#retryTimer !== null) {
      this.#env.clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
    }
    if (this.#env.window) {
      this.#env.window.removeEventListener('online', this.#onOnline);
      this.#env.window.removeEventListener('pagehide', this.#onPageHide);
    }
    this.#resumeToken = null;
    this.#clearStoredToken();
    this.emit('closed', { reason: why });
  }

  #storageKey() {
    return STORAGE_PREFIX + this.#urls.join(',') + '#' + this.user;
  }

  #loadToken() {
    const storage = this.#env.storage;
    if (!storage) {
      return null;
    }
    try {
      const token = storage.getItem(this.#storageKey());
      return token || null;
    } catch (e) {
      return null;
    }
  }

  #storeToken() {
    const storage = this.#env.storage;
    if (!storage) {
      return;
    }
    try {
      if (this.#resumeToken) {
        storage.setItem(this.#storageKey(), this.#resumeToken);
      } else {
        storage.removeItem(this.#storageKey());
      }
    } catch (e) {
      // storage full or disabled: resume still works within this page
    }
  }

  #clearStoredToken() {
    const storage = this.#env.storage;
    if (storage) {
      try {
        storage.removeItem(this.#storageKey());
      } catch (e) {
        // nothing stored
      }
    }
  }

  #logFrame(direction, frame) {
    // never the token or the resume token; only what identifies the frame
    this._log(direction + ' ' + frame.type + (frame.callId ? ' ' + frame.callId : '')
      + (frame.type === 'candidate' ? ' ' + (frame.candidate || '(end)') : '')
      + (frame.type === 'error' ? ' ' + frame.code : '')
      + (frame.type === 'register' && frame.resume ? ' (resume)' : ''));
  }
}

/**
 * Opens a socket to the gateway and registers `user` (with `token` where the gateway asks for one).
 * `url` is one ws(s):// URL or a list of them (the instances of one gateway): the first connection tries them in
 * turn, and each reconnection moves to the next. Returns the Client at once; `client.ready` resolves with the
 * device's JID.
 */
export function connect(url, options) {
  return new Client(url, options);
}
