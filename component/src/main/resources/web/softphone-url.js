// Which gateway socket the softphone talks to.
// ?ws= points the page at another gateway's socket. The page hands that socket the user's token, so it follows ?ws=
// only to its own origin or to an origin the gateway lists in http.allowed-origins (GET /allowed-origins).
// "*" does not count: it says which pages may use this gateway, not where this page may send tokens.

export async function wsUrl(location = window.location) {
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
