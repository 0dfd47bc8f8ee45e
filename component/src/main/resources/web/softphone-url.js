// Which gateway sockets the softphone talks to.
// ?ws= points the page at another gateway's socket; ?gateways=ws://a/ws,ws://b/ws at the instances of one gateway
// (a cluster, docs/sdk.md): the page registers on the first and resumes on the next one when a socket drops.
// The page hands each socket the user's token, so it follows a URL only to its own origin or to an origin the
// gateway lists in http.allowed-origins (GET /allowed-origins).
// "*" does not count: it says which pages may use this gateway, not where this page may send tokens.

const MAX_GATEWAYS = 16;

/** The socket URLs to connect to, in order: the page's own /ws, ?ws=, or the list in ?gateways=. */
export async function wsUrls(location = window.location) {
  const own = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
  const query = new URLSearchParams(location.search);
  const list = query.get('gateways');
  const single = query.get('ws');
  if (list !== null && single !== null) {
    throw new Error('Give either ?ws= or ?gateways=, not both.');
  }
  const name = list !== null ? '?gateways=' : '?ws=';
  const params = list !== null ? list.split(',').map((s) => s.trim()).filter((s) => s !== '')
    : (single ? [single] : []);
  if (list !== null && (params.length === 0 || params.length > MAX_GATEWAYS)) {
    throw new Error('?gateways= must list 1 to ' + MAX_GATEWAYS + ' ws:// or wss:// URLs, separated by commas.');
  }
  if (params.length === 0) {
    return [own];
  }
  const urls = params.map((param) => {
    let url;
    try {
      url = new URL(param);
    } catch (e) {
      throw new Error(name + ' ' + param + ' is not a URL.');
    }
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
      throw new Error(name + ' ' + param + ' is not a ws:// or wss:// URL.');
    }
    return url;
  });
  const originOf = (url) => (url.protocol === 'wss:' ? 'https://' : 'http://') + url.host;
  if (urls.every((url) => originOf(url) === location.origin)) {
    return urls.map((url) => url.href);
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
  for (const url of urls) {
    const origin = originOf(url);
    if (origin !== location.origin && !listed.includes(origin)) {
      throw new Error('Refusing ' + name + ' ' + url.href + ': ' + origin + ' is neither this page\'s origin nor'
        + ' listed in the gateway\'s http.allowed-origins, and the page would send it your token.');
    }
  }
  return urls.map((url) => url.href);
}
