-- jingle-gateway as an external component of Prosody (XEP-0114).
-- Add this to /etc/prosody/prosody.cfg.lua (or a file in conf.d/), then `prosodyctl reload`.

-- The component port: 5347 is Prosody's default. Keep it on loopback when the gateway runs on the
-- same machine; otherwise open it only to the gateway's address.
component_ports = { 5347 }
component_interfaces = { "127.0.0.1" }

-- The gateway's domain: browser users appear as user@gw.example.org. The secret must equal the
-- gateway's xmpp.secret (conf/gateway.yaml, --secret or JINGLE_GATEWAY_SECRET).
Component "gw.example.org"
    component_secret = "change-me-to-a-long-random-secret"

-- Clients find the gateway through your server's disco#items when you list it:
-- disco_items = { { "gw.example.org", "Calls with browser users" } }
