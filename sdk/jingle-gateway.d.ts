// TypeScript declarations of the jingle-gateway browser SDK (jingle-gateway.js). docs/sdk.md describes the API.

export declare const VERSION: string;

/** An error from the gateway (`error` frame, docs/protocol.md "Error codes") or from the SDK itself. */
export interface GatewayError {
  /** A gateway code (`bad-sdp`, `rate-limited`, `resume-failed`, …) or an SDK code (`unreachable`, `media`, …). */
  code: string;
  message: string;
  /** The call it concerns, or null. */
  callId: string | null;
  /** With `resume-failed`: how many calls this page lost. */
  lostCalls?: number;
}

export type Listener<T> = (detail: T) => void;

export declare class Emitter<Events> {
  on<K extends keyof Events>(type: K, listener: Listener<Events[K]>): () => void;
  once<K extends keyof Events>(type: K, listener: Listener<Events[K]>): () => void;
  off<K extends keyof Events>(type: K, listener: Listener<Events[K]>): void;
}

export type ClientState = 'connecting' | 'registered' | 'reconnecting' | 'closed';
export type CallState = 'calling' | 'ringing' | 'incoming' | 'connecting' | 'active' | 'ended';

/** An XEP-0166 reason name: `success`, `decline`, `busy`, `gone`, `timeout`, `failed-application`, … */
export type Reason = string;

export interface Registration {
  /** The device's full JID, `user@domain/web-xxxxxxxx`. */
  jid: string;
  /** True when this registration resumed the device of a dropped socket (same JID, calls kept). */
  resumed: boolean;
  /** The socket URL registered on (one of the list given to connect()). */
  url: string;
  /** The calls that go on. */
  calls: { callId: string; state: CallState }[];
}

export interface ClientEvents {
  /** The device is registered: first time, and again after every reconnection. */
  registered: Registration;
  /** The socket dropped; the client tries again after `delayMs`. `resumable`: the calls can survive it. */
  reconnecting: { attempt: number; delayMs: number; resumable: boolean; url: string };
  /** Registered again after a drop (`resumed` says whether the calls survived). */
  reconnected: Registration;
  /** A `ring` (XEP-0353 propose) or a direct `offer`: accept() or reject() the call. */
  incoming: Call;
  /** Errors of the connection, and of calls this page does not hold; a call's own errors are the call's events. */
  error: GatewayError;
  'ice-servers': { iceServers: RTCIceServer[] };
  state: { state: ClientState; from: ClientState };
  /** The client will not reconnect (close(), a refused registration, or the gateway closed it for good). */
  closed: { reason: string };
  /** One line per frame and socket event, for a page's event log (never a token). */
  log: { text: string };
}

export interface ConnectOptions {
  /** The user name (the local part of the device's JID). */
  user: string;
  /** The JWT when the gateway runs with `auth.mode: token`; a function is asked again at every reconnection. */
  token?: string | (() => string | Promise<string>);
  /** Resume after a dropped socket (default true). */
  resume?: boolean;
  /** Backoff between reconnection attempts: the first at once, then from this (default 500) … */
  reconnectMinMs?: number;
  /** … doubling up to this (default 10000). */
  reconnectMaxMs?: number;
  /**
   * Seconds between the SDK's own `ping` frames once registered (default 10); a socket from which nothing came for
   * twice this (a frozen gateway, a dead route) is given up and the device resumes, on the next URL of the list.
   */
  pingSeconds?: number;
  /** After the browser's `online` event, a `pong` must come within this or the socket is replaced (default 5000). */
  pongTimeoutMs?: number;
  /** Replacements for the browser's objects (tests, other runtimes). */
  env?: {
    WebSocket?: unknown;
    RTCPeerConnection?: unknown;
    MediaStream?: unknown;
    getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
    /** Where the resume token is kept across reloads (default sessionStorage; null for nowhere). */
    storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
    /** Where `online` events come from (default the window; null for nowhere). */
    window?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
    random?: () => number;
    setTimeout?: (fn: () => void, ms: number) => unknown;
    clearTimeout?: (id: unknown) => void;
    setInterval?: (fn: () => void, ms: number) => unknown;
    clearInterval?: (id: unknown) => void;
  };
}

export interface MediaChoice {
  /** Default true. */
  audio?: boolean;
  /** Default false. */
  video?: boolean;
}

export interface CallStats {
  connectionState: RTCPeerConnectionState | 'closed';
  iceConnectionState: RTCIceConnectionState | 'closed';
  signalingState: RTCSignalingState | 'closed';
  iceGatheringState: RTCIceGatheringState;
  /** Bytes received per kind of media (inbound-rtp). */
  inbound: { audio: number; video: number };
  /** Bytes sent per kind of media (outbound-rtp). */
  outbound: { audio: number; video: number };
  localUfrag: string | null;
  selectedCandidatePairChanges: number;
}

export interface Ending {
  reason: Reason;
  text: string;
  by: 'local' | 'remote';
}

export interface CallEvents {
  state: { state: CallState; from: CallState };
  /** The far end is ringing. */
  ringing: {};
  /** The far end answered (media is being connected). */
  answered: {};
  /** The call ended; nothing more comes for it. */
  hangup: Ending;
  error: GatewayError;
  /** A remote track arrived; `stream` holds all of them. */
  track: { track: MediaStreamTrack; stream: MediaStream };
  localstream: { stream: MediaStream };
  /** An XEP-0167 session-info from the peer: `active`, `hold`, `unhold`, `mute`, `unmute`. */
  info: { info: string; name: string | null };
  /** An ICE restart: sent (`by: 'local'`), answered (`answered: true`) or received (`by: 'remote'`). */
  restart: { by: 'local' | 'remote'; answered?: boolean };
  mute: { muted: boolean };
  connectionstate: { connectionState: RTCPeerConnectionState };
  iceconnectionstate: { iceConnectionState: RTCIceConnectionState };
}

export declare class Call extends Emitter<CallEvents> {
  readonly id: string;
  /** The other side's JID. */
  readonly peer: string;
  readonly direction: 'outgoing' | 'incoming';
  /** True for an incoming call that came as an `offer` with no `ring` before it. */
  readonly direct: boolean;
  readonly media: { audio: boolean; video: boolean };
  /** For incoming calls: the media the caller proposed. */
  readonly offeredMedia?: string[];
  readonly state: CallState;
  readonly pc: RTCPeerConnection | null;
  readonly localStream: MediaStream | null;
  readonly remoteStream: MediaStream | null;
  readonly muted: boolean;
  readonly restarts: { local: number; remote: number; answered: number };
  /** Date.now() when the call was made or came in, and when its media first connected. */
  readonly startedAt: number;
  readonly connectedAt: number | null;
  readonly ended: Ending | null;
  accept(): void;
  reject(): void;
  hangup(reason?: Reason, text?: string): void;
  /** Mutes (true) or unmutes (false) the microphone; toggles without an argument. Returns the new value. */
  mute(muted?: boolean): boolean;
  restartIce(): Promise<void>;
  stats(): Promise<CallStats>;
  descriptions(): { local: string | null; remote: string | null };
  localUfrag(): string | undefined;
}

export declare class Client extends Emitter<ClientEvents> {
  /** The socket URL in use or being tried now. */
  readonly url: string;
  /** Every URL given to connect() (one for a single URL). */
  readonly urls: readonly string[];
  readonly user: string;
  readonly state: ClientState;
  /** The device's full JID once registered. */
  readonly jid: string | null;
  /** From `registered` and `ice-servers` frames: what new peer connections use. */
  readonly iceServers: RTCIceServer[];
  /** Resolves with the JID at the first registration; rejects when it fails. */
  readonly ready: Promise<string>;
  readonly calls: Call[];
  call(to: string, media?: MediaChoice): Call;
  close(): void;
  /** For tests: drops the socket as a network failure would; the client resumes on a new one. */
  dropSocket(): void;
}

/**
 * `url`: the gateway's socket, or a list of the sockets of one gateway's instances (a cluster): the first connection
 * tries them in turn, each reconnection moves to the next one.
 */
export declare function connect(url: string | readonly string[], options: ConnectOptions): Client;

export declare const CALL_STATES: readonly CallState[];
export declare const FATAL_CALL_ERRORS: ReadonlySet<string>;
export declare const ERROR_WORDS: Readonly<Record<string, string>>;
export declare const SDK_ERROR_WORDS: Readonly<Record<string, string>>;
export declare const REASON_WORDS: Readonly<Record<string, string>>;
export declare function describeError(code: string, message?: string): string;
export declare function describeReason(reason: Reason): string;
