// XML namespaces of the stanzas the fixture generators write.
export const NS = {
  client: 'jabber:client',
  jingle: 'urn:xmpp:jingle:1',
  rtp: 'urn:xmpp:jingle:apps:rtp:1',
  info: 'urn:xmpp:jingle:apps:rtp:info:1',
  ice: 'urn:xmpp:jingle:transports:ice-udp:1',
  dtls: 'urn:xmpp:jingle:apps:dtls:0',
  group: 'urn:xmpp:jingle:apps:grouping:0',
  fb: 'urn:xmpp:jingle:apps:rtp:rtcp-fb:0',
  hdrext: 'urn:xmpp:jingle:apps:rtp:rtp-hdrext:0',
  ssma: 'urn:xmpp:jingle:apps:rtp:ssma:0',
  sctp: 'urn:xmpp:jingle:transports:dtls-sctp:1',
  jmi: 'urn:xmpp:jingle-message:0',
  hints: 'urn:xmpp:hints',
  receipts: 'urn:xmpp:receipts',
  // Non-standard namespaces some clients use.
  iceOption: 'http://gultsch.de/xmpp/drafts/jingle/transports/ice-udp/option',
  jitmeet: 'http://jitsi.org/jitmeet',
  focus: 'http://jitsi.org/protocol/focus',
  colibri: 'http://jitsi.org/protocol/colibri',
};
