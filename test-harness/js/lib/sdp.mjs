// A small SDP reader for the fixture generators: sections of ordered lines, with attribute helpers.
// Deliberately simple (it reads the browsers' own output); it is not the project's SDP parser.

export function parseSdp(text) {
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const session = { lines: [] };
  const media = [];
  let current = session;
  for (const line of lines) {
    if (line.startsWith('m=')) {
      const [kind, port, proto, ...fmts] = line.slice(2).split(' ');
      current = { kind, port, proto, fmts, lines: [] };
      media.push(current);
    }
    current.lines.push(line);
  }
  return { session, media, text };
}

// All values of `a=<name>:...` (or `a=<name>` flags, value '') in a section, in order.
export function attrs(section, name) {
  const out = [];
  for (const line of section.lines) {
    if (line === 'a=' + name) {
      out.push('');
    } else if (line.startsWith('a=' + name + ':')) {
      out.push(line.slice(name.length + 3));
    }
  }
  return out;
}

export function attr(section, name) {
  const values = attrs(section, name);
  return values.length ? values[0] : null;
}

export function has(section, name) {
  return attrs(section, name).length > 0;
}

// Media attribute, falling back to the session level.
export function mattr(sdp, section, name) {
  return attr(section, name) ?? attr(sdp.session, name);
}

export function direction(section) {
  for (const d of ['sendrecv', 'sendonly', 'recvonly', 'inactive']) {
    if (has(section, d)) {
      return d;
    }
  }
  return null;
}

export function rtpmaps(section) {
  return attrs(section, 'rtpmap').map((value) => {
    const [id, encoding] = value.split(' ');
    const [name, clockrate, channels] = encoding.split('/');
    return { id, name, clockrate, channels: channels ?? null };
  });
}

export function fmtp(section, id) {
  const line = attrs(section, 'fmtp').find((value) => value.split(' ')[0] === id);
  return line === undefined ? null : line.slice(id.length + 1);
}

export function rtcpFbs(section, id) {
  return attrs(section, 'rtcp-fb')
    .filter((value) => value.split(' ')[0] === id)
    .map((value) => {
      const [, type, subtype] = value.split(' ');
      return { type, subtype: subtype ?? null };
    });
}

export function extmaps(section) {
  return attrs(section, 'extmap').map((value) => {
    const [idDir, uri] = value.split(' ');
    const [id, dir] = idDir.split('/');
    return { id, direction: dir ?? null, uri };
  });
}

export function ssrcLines(section) {
  return attrs(section, 'ssrc').map((value) => {
    const space = value.indexOf(' ');
    const ssrc = value.slice(0, space);
    const rest = value.slice(space + 1);
    const colon = rest.indexOf(':');
    return colon < 0
      ? { ssrc, name: rest, value: null }
      : { ssrc, name: rest.slice(0, colon), value: rest.slice(colon + 1) };
  });
}

export function ssrcGroups(section) {
  return attrs(section, 'ssrc-group').map((value) => {
    const [semantics, ...ssrcs] = value.split(' ');
    return { semantics, ssrcs };
  });
}

export function fingerprint(sdp, section) {
  const value = mattr(sdp, section, 'fingerprint');
  const [hash, hex] = value.split(' ');
  return { hash, hex, setup: mattr(sdp, section, 'setup') };
}

// candidate-attribute (RFC 8839) into its fields plus extension pairs in order.
export function parseCandidate(candidate) {
  const text = candidate.startsWith('candidate:') ? candidate.slice('candidate:'.length) : candidate;
  const parts = text.split(' ');
  const out = {
    foundation: parts[0],
    component: parts[1],
    protocol: parts[2],
    priority: parts[3],
    ip: parts[4],
    port: parts[5],
    type: parts[7],
    extensions: [],
  };
  for (let i = 8; i + 1 < parts.length; i += 2) {
    out.extensions.push([parts[i], parts[i + 1]]);
  }
  out.ext = Object.fromEntries(out.extensions);
  return out;
}
