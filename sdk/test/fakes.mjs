// Stand-ins for the browser objects the SDK uses, for its unit tests in Node: a WebSocket whose far end the test
// plays, a peer connection that makes canned descriptions, manual timers, storage and an `online` event source.
// Modelled on the WebRTC and WebSocket APIs the SDK calls, not captured from a browser.

export class FakeSocket {
  static instances = [];

  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    this.closed = null;
    FakeSocket.instances.push(this);
  }

  static last() {
    return FakeSocket.instances[FakeSocket.instances.length - 1];
  }

  send(text) {
    if (this.readyState !== 1) {
      throw new Error('send on a socket that is not open');
    }
    this.sent.push(JSON.parse(text));
  }

  close(code, reason) {
    this.closed = { code, reason };
    this.readyState = 3;
  }

  // ---- the gateway's side ----
  open() {
    this.readyState = 1;
    this.onopen && this.onopen({});
  }

  receive(frame) {
    this.onmessage && this.onmessage({ data: JSON.stringify(frame) });
  }

  /** The far end or the network closed it. */
  drop(code = 1006, reason = '') {
    this.readyState = 3;
    this.onclose && this.onclose({ code, reason });
  }

  frames(type) {
    return this.sent.filter((f) => f.type === type);
  }
}

export class FakeTrack {
  constructor(kind) {
    this.kind = kind;
    this.enabled = true;
    this.stopped = false;
  }

  stop() {
    this.stopped = true;
  }
}

export class FakeStream {
  constructor(tracks = []) {
    this.tracks = [...tracks];
  }

  getTracks() {
    return [...this.tracks];
  }

  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }

  addTrack(track) {
    this.tracks.push(track);
  }
}

let ufrags = 0;

export class FakePeerConnection {
  static instances = [];

  constructor(config) {
    this.config = config;
    this.localDescription = null;
    this.remoteDescription = null;
    this.signalingState = 'stable';
    this.connectionState = 'new';
    this.iceConnectionState = 'new';
    this.iceGatheringState = 'new';
    this.senders = [];
    this.added = [];
    this.closed = false;
    FakePeerConnection.instances.push(this);
  }

  static last() {
    return FakePeerConnection.instances[FakePeerConnection.instances.length - 1];
  }

  addTrack(track) {
    this.senders.push({ track });
  }

  getSenders() {
    return this.senders;
  }

  getTransceivers() {
    return [{ mid: '0', receiver: { track: { kind: 'audio' } }, sender: { replaceTrack: async () => {},
      setStreams: () => {} }, direction: 'recvonly' }];
  }

  async createOffer(options = {}) {
    return { type: 'offer', sdp: 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:u' + (++ufrags)
      + (options.iceRestart ? 'r' : '') + '\r\n' };
  }

  async createAnswer() {
    return { type: 'answer', sdp: 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:a' + (++ufrags) + '\r\n' };
  }

  async setLocalDescription(d) {
    if (d.type === 'rollback') {
      this.signalingState = 'stable';
      return;
    }
    this.localDescription = d;
    this.signalingState = d.type === 'offer' ? 'have-local-offer' : 'stable';
  }

  async setRemoteDescription(d) {
    if (d.sdp.includes('refuse-me')) {
      throw Object.assign(new Error('Failed to parse SessionDescription'), { name: 'OperationError' });
    }
    this.remoteDescription = d;
    this.signalingState = d.type === 'offer' ? 'have-remote-offer' : 'stable';
  }

  async addIceCandidate(c) {
    this.added.push(c);
  }

  setConfiguration(config) {
    this.config = config;
  }

  async getStats() {
    return new Map([
      ['i', { type: 'inbound-rtp', kind: 'audio', bytesReceived: 1200 }],
      ['o', { type: 'outbound-rtp', kind: 'audio', bytesSent: 3400 }],
    ]);
  }

  close() {
    this.closed = true;
    this.signalingState = 'closed';
  }

  // ---- the test's side ----
  candidate(candidate) {
    this.onicecandidate({ candidate });
  }

  connect() {
    this.connectionState = 'connected';
    this.iceConnectionState = 'connected';
    this.onconnectionstatechange();
  }
}

export class ManualTimers {
  constructor() {
    this.pending = new Map();
    this.next = 1;
  }

  setTimeout = (fn, ms) => {
    const id = this.next++;
    this.pending.set(id, { fn, ms });
    return id;
  };

  clearTimeout = (id) => {
    this.pending.delete(id);
  };

  // intervals run only when the test moves the clock (advance)
  intervals = new Map();
  clock = 0;

  now = () => this.clock;

  setInterval = (fn, ms) => {
    const id = this.next++;
    this.intervals.set(id, { fn, ms, due: this.clock + ms });
    return id;
  };

  clearInterval = (id) => {
    this.intervals.delete(id);
  };

  /** Moves the clock on by ms, running each interval as often as it falls due (timeouts are left to runAll). */
  advance(ms) {
    const end = this.clock + ms;
    for (;;) {
      let next = null;
      for (const [id, t] of this.intervals) {
        if (t.due <= end && (next === null || t.due < next[1].due)) {
          next = [id, t];
        }
      }
      if (next === null) {
        break;
      }
      this.clock = next[1].due;
      next[1].due += next[1].ms;
      next[1].fn();
    }
    this.clock = end;
  }

  delays() {
    return [...this.pending.values()].map((t) => t.ms);
  }

  /** Runs every pending timeout once. */
  runAll() {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, t] of due) {
      t.fn();
    }
  }
}

export class MemoryStorage {
  constructor() {
    this.map = new Map();
  }

  getItem(k) {
    return this.map.has(k) ? this.map.get(k) : null;
  }

  setItem(k, v) {
    this.map.set(k, String(v));
  }

  removeItem(k) {
    this.map.delete(k);
  }
}

export class FakeWindow {
  constructor() {
    this.listeners = {};
  }

  addEventListener(type, fn) {
    (this.listeners[type] ||= new Set()).add(fn);
  }

  removeEventListener(type, fn) {
    this.listeners[type]?.delete(fn);
  }

  fire(type) {
    for (const fn of this.listeners[type] || []) {
      fn({ type });
    }
  }
}

/** A whole fake browser: pass `env` to connect(). */
export function fakeBrowser({ storage = new MemoryStorage(), mediaError = null } = {}) {
  FakeSocket.instances = [];
  FakePeerConnection.instances = [];
  const timers = new ManualTimers();
  const window = new FakeWindow();
  const env = {
    WebSocket: FakeSocket,
    RTCPeerConnection: FakePeerConnection,
    MediaStream: FakeStream,
    getUserMedia: async (c) => {
      if (mediaError) {
        throw mediaError;
      }
      return new FakeStream([new FakeTrack('audio'), ...(c.video ? [new FakeTrack('video')] : [])]);
    },
    storage,
    window,
    random: () => 0.5,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    setInterval: timers.setInterval,
    clearInterval: timers.clearInterval,
    now: timers.now,
  };
  return { env, timers, window, storage };
}

/** Lets pending promise chains (the SDK's async steps) run. */
export async function settle() {
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setImmediate(r));
  }
}
