-- jingle-gateway as an external component of Prosody (XEP-0114).
-- Add this to /etc/prosody/prosody.cfg.lua (or a file in conf.d/), then `prosodyctl reload`.

-- The component port: 5347 is Prosody's default. Keep it on loopback when the gateway runs on the
-- same machine; otherwise open it only to the gateway's address.
component_ports = { 5347 }
component_interfaces = { "127.0.0.1" }

-- Turn Nagle's algorithm off on Prosody's sockets (a global setting: put it with the others at the top of
-- prosody.cfg.lua). With Prosody's default, small stanzas on the component connection can wait for the gateway's
-- delayed ACK: measured here, a 40-45 ms p99 tail on every gateway route that Prosody's own client-to-client route
-- does not have. The gateway sets TCP_NODELAY on its side of the link itself.
network_settings = { nagle = false }

-- The gateway's domain: browser users appear as user@gw.example.org. The secret must equal the
-- gateway's xmpp.secret (conf/gateway.yaml, --secret or JINGLE_GATEWAY_SECRET).
Component "gw.example.org"
    component_secret = "change-me-to-a-long-random-secret"

-- Clients find the gateway through your server's disco#items when you list it:
-- disco_items = { { "gw.example.org", "Calls with browser users" } }
