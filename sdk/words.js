// Plain words for the gateway's error codes and for XEP-0166 hang-up reasons, for pages to show.
// ERROR_WORDS names every code of docs/protocol.md "Error codes" and nothing else: the component's ErrorCodeTest
// keeps this table, those docs and the gateway's ErrorCode enum the same. SDK_ERROR_WORDS are the SDK's own codes
// (docs/sdk.md), never sent by the gateway.

export const ERROR_WORDS = Object.freeze({
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
});

export const SDK_ERROR_WORDS = Object.freeze({
  unreachable: 'Cannot reach the gateway.',
  'not-connected': 'Not connected to the gateway.',
  media: 'Cannot use the microphone or camera.',
  webrtc: 'The browser refused a step of the call.',
  'bad-argument': 'The page called the SDK with a wrong argument.',
});

export const REASON_WORDS = Object.freeze({
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
});

const own = (table, key) => Object.prototype.hasOwnProperty.call(table, key);

/** Words for an error code (the gateway's or the SDK's), with the message after them when there is one. */
export function describeError(code, message) {
  const words = own(ERROR_WORDS, code) ? ERROR_WORDS[code]
    : own(SDK_ERROR_WORDS, code) ? SDK_ERROR_WORDS[code]
      : 'The gateway reported a problem (' + code + ').';
  return message ? words + ' ' + message : words;
}

/** Words for an XEP-0166 reason; an unknown reason is shown as it is. */
export function describeReason(reason) {
  return own(REASON_WORDS, reason) ? REASON_WORDS[reason] : String(reason);
}
