// Deterministic stand-ins for the random identifiers clients generate (session ids, stanza ids, candidate
// ids, keys), in each client's own format. Seeded by a label so that regenerating gives the same files.
import { createHash } from 'node:crypto';

export function bytes(label, length) {
  const out = Buffer.alloc(length);
  let filled = 0;
  let counter = 0;
  while (filled < length) {
    const digest = createHash('sha256').update(label + '#' + counter++).digest();
    filled += digest.copy(out, filled, 0, Math.min(digest.length, length - filled));
  }
  return out;
}

export function uuid(label) {
  const b = bytes(label, 16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}

export function base64(label, length) {
  return bytes(label, length).toString('base64').replace(/=+$/, '');
}

export function base64url(label, length) {
  return bytes(label, length).toString('base64url');
}

export function hex(label, length) {
  return bytes(label, Math.ceil(length / 2)).toString('hex').slice(0, length);
}

export function base36(label, length) {
  let out = '';
  for (const byte of bytes(label, length)) {
    out += (byte % 36).toString(36);
  }
  return out;
}

export function digits(label, length) {
  let out = '';
  for (const byte of bytes(label, length)) {
    out += String(byte % 10);
  }
  return out.replace(/^0/, '1');
}

// ICE ufrag/pwd characters (RFC 8839 ice-char) of the given length.
export function iceChars(label, length) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (const byte of bytes(label, length)) {
    out += alphabet[byte % alphabet.length];
  }
  return out;
}

export function fingerprintHex(label) {
  return [...bytes(label, 32)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':');
}
