package org.jinglegateway.admin;

import ch.qos.logback.classic.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dom4j.Element;
import org.jinglegateway.call.CallService;
import org.jinglegateway.call.IceServers;
import org.jinglegateway.call.Ids;
import org.jinglegateway.call.Reasons;
import org.jinglegateway.config.ConfigException;
import org.jinglegateway.config.GatewayConfig;
import org.jinglegateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * XEP-0050 ad-hoc commands on the component domain, for the bare JIDs in {@code admins} only (everyone else gets
 * {@code forbidden}): list and end calls, statistics, list and disconnect browser devices, change the log level,
 * reload the configuration without dropping calls. One-step commands complete at once; the others first send a
 * XEP-0004 form and act on its submission.
 */
public final class AdminCommands {
    public static final String NAMESPACE = "http://jabber.org/protocol/commands";
    private static final Logger log = LoggerFactory.getLogger(AdminCommands.class);
    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    /** Node -> name, in the order disco#items lists them. */
    public static final Map<String, String> COMMANDS = commands();

    /** Reads the configuration again (same file, environment and flags as at start). */
    @FunctionalInterface
    public interface Reloader {
        GatewayConfig reload() throws ConfigException;
    }

    private final CallService calls;
    private final IceServers ice;
    private final GatewayMetrics metrics;
    private final Reloader reloader;
    private volatile Runnable afterReload = () -> { };
    private volatile java.util.function.Supplier<Map<String, String>> clusterFigures = Map::of;
    private final Clock clock;
    private final Ids ids = new Ids();
    private volatile GatewayConfig config;

    public AdminCommands(GatewayConfig config, CallService calls, IceServers ice, GatewayMetrics metrics,
                         Reloader reloader, Clock clock) {
        this.config = config;
        this.calls = calls;
        this.ice = ice;
        this.metrics = metrics;
        this.reloader = reloader;
        this.clock = clock;
    }

    private static Map<String, String> commands() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("list-calls", "List active calls");
        m.put("end-call", "End a call");
        m.put("stats", "Statistics");
        m.put("list-devices", "List browser devices");
        m.put("disconnect-device", "Disconnect a browser device");
        m.put("set-log-level", "Change the log level");
        m.put("reload-config", "Reload the configuration");
        return java.util.Collections.unmodifiableMap(m);
    }

    public boolean isAdmin(org.xmpp.packet.JID jid) {
        return jid != null && config.admins().contains(jid.toBareJID());
    }

    /** disco#items on the commands node: the commands, for admins only. */
    public void listInto(Element query, org.xmpp.packet.JID from, String domain) {
        if (!isAdmin(from)) {
            return;
        }
        COMMANDS.forEach((node, name) -> query.addElement("item").addAttribute("jid", domain)
                .addAttribute("node", node).addAttribute("name", name));
    }

    /** Answers one command request (an IQ set with a {@code <command/>}). */
    public IQ handle(IQ request) {
        Element command = request.getChildElement();
        String node = command.attributeValue("node");
        if (!isAdmin(request.getFrom())) {
            log.warn("admin.refused from={} node={}", request.getFrom(), node);
            return error(request, PacketError.Condition.forbidden, "only the admins listed in the gateway's"
                    + " configuration may run its commands");
        }
        if (node == null || !COMMANDS.containsKey(node)) {
            return error(request, PacketError.Condition.item_not_found, "no command \"" + node + "\"; the commands"
                    + " are " + String.join(", ", COMMANDS.keySet()));
        }
        String action = command.attributeValue("action", "execute");
        String session = command.attributeValue("sessionid", ids.next(12));
        if ("cancel".equals(action)) {
            return reply(request, node, session, "canceled");
        }
        Map<String, String> submitted = DataForm.values(command);
        log.info("admin.command from={} node={}", request.getFrom().toBareJID(), node);
        return switch (node) {
            case "list-calls" -> completed(request, node, session, listCalls());
            case "stats" -> completed(request, node, session, stats());
            case "list-devices" -> completed(request, node, session, listDevices());
            case "end-call" -> submitted.isEmpty() ? executing(request, node, session, endCallForm())
                    : endCall(request, node, session, submitted);
            case "disconnect-device" -> submitted.isEmpty() ? executing(request, node, session, deviceForm())
                    : disconnect(request, node, session, submitted);
            case "set-log-level" -> submitted.isEmpty() ? executing(request, node, session, levelForm())
                    : setLevel(request, node, session, submitted);
            default -> reload(request, node, session);
        };
    }

    private DataForm listCalls() {
        DateTimeFormatter time = DateTimeFormatter.ISO_INSTANT;
        List<Map<String, String>> rows = new ArrayList<>();
        for (CallService.CallInfo c : calls.calls(clock)) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("device", c.device());
            row.put("peer", c.peer());
            row.put("direction", c.outgoing() ? "from browser" : "from XMPP");
            row.put("state", c.state());
            row.put("since", time.format(c.since()));
            rows.add(row);
        }
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("device", "Browser device");
        columns.put("peer", "XMPP peer");
        columns.put("direction", "Placed");
        columns.put("state", "State");
        columns.put("since", "Since");
        return DataForm.result("Active calls (" + rows.size() + ")").table(columns, rows);
    }

    private DataForm stats() {
        DataForm f = DataForm.result("Gateway statistics");
        metrics.summary().forEach((name, value) -> f.fixed(name, name, value));
        f.fixed("devices", "registered browser devices", String.valueOf(calls.deviceJids().size()))
                .fixed("sessions", "calls in memory", String.valueOf(calls.size()));
        clusterFigures.get().forEach((name, value) -> f.fixed(name, name, value));
        return f;
    }

    /** Figures of the cluster for the statistics (members, calls of every instance); none for one process. */
    public void setClusterFigures(java.util.function.Supplier<Map<String, String>> figures) {
        this.clusterFigures = figures;
    }

    private DataForm listDevices() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String jid : calls.deviceJids()) {
            rows.add(Map.of("jid", jid));
        }
        return DataForm.result("Browser devices (" + rows.size() + ")").table(Map.of("jid", "Device"), rows);
    }

    private DataForm endCallForm() {
        Map<String, String> options = new LinkedHashMap<>();
        for (CallService.CallInfo c : calls.calls(clock)) {
            options.put(c.id(), c.device() + " - " + c.peer() + " (" + c.state() + ")");
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        Reasons.ALL.forEach(r -> reasons.put(r, r));
        return DataForm.form("End a call").instructions(options.isEmpty() ? "There are no calls."
                : "Pick the call and the reason both sides will see.")
                .choice("call", "Call", options, null).choice("reason", "Reason", reasons, "cancel");
    }

    private IQ endCall(IQ request, String node, String session, Map<String, String> form) {
        String reason = form.getOrDefault("reason", "cancel");
        if (!Reasons.isReason(reason)) {
            return error(request, PacketError.Condition.bad_request, "\"" + reason + "\" is not an XEP-0166 reason");
        }
        if (!calls.endCall(form.getOrDefault("call", ""), reason)) {
            return error(request, PacketError.Condition.item_not_found, "no such call (it may have ended already)");
        }
        return note(request, node, session, "The call is ending with reason " + reason + ".");
    }

    private DataForm deviceForm() {
        Map<String, String> options = new LinkedHashMap<>();
        calls.deviceJids().forEach(jid -> options.put(jid, jid));
        return DataForm.form("Disconnect a browser device").instructions("Its calls end with reason gone.")
                .choice("device", "Device", options, null);
    }

    private IQ disconnect(IQ request, String node, String session, Map<String, String> form) {
        String jid = form.getOrDefault("device", "");
        if (!calls.disconnect(jid, "disconnected by an administrator")) {
            return error(request, PacketError.Condition.item_not_found, "no device " + jid + " is online");
        }
        return note(request, node, session, jid + " is disconnected.");
    }

    private DataForm levelForm() {
        Map<String, String> options = new LinkedHashMap<>();
        LEVELS.forEach(l -> options.put(l, l));
        return DataForm.form("Change the log level").choice("level", "Level", options, currentLevel());
    }

    private IQ setLevel(IQ request, String node, String session, Map<String, String> form) {
        String level = form.getOrDefault("level", "").toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            return error(request, PacketError.Condition.bad_request, "level must be one of " + String.join(", ",
                    LEVELS) + ", found \"" + level + "\"");
        }
        root().setLevel(Level.toLevel(level));
        log.warn("admin.log-level level={} by={}", level, request.getFrom().toBareJID());
        return note(request, node, session, "The log level is now " + level + ".");
    }

    private IQ reload(IQ request, String node, String session) {
        String text;
        try {
            text = reloadNow();
        } catch (ConfigException e) {
            return error(request, PacketError.Condition.bad_request, "the configuration was not reloaded: "
                    + e.getMessage());
        }
        afterReload.run();
        return note(request, node, session, text);
    }

    /** Runs after an administrator's reload here (a cluster: every other instance reloads too). */
    public void setAfterReload(Runnable r) {
        this.afterReload = r;
    }

    /** Reads the configuration again and applies what applies live; returns what it did, in words. */
    public String reloadNow() throws ConfigException {
        GatewayConfig next = reloader.reload();
        GatewayConfig before = config;
        List<String> applied = new ArrayList<>();
        List<String> needRestart = new ArrayList<>();
        if (!before.calls().equals(next.calls())) {
            calls.setRingTimeout(Duration.ofSeconds(next.calls().ringTimeoutSeconds()));
            applied.add("calls");
        }
        if (!before.ice().equals(next.ice())) {
            ice.update(next.ice());
            applied.add("ice");
        }
        if (!before.admins().equals(next.admins())) {
            applied.add("admins");
        }
        if (!before.xmpp().equals(next.xmpp())) {
            needRestart.add("xmpp");
        }
        if (!before.http().equals(next.http())) {
            needRestart.add("http");
        }
        if (!before.auth().equals(next.auth())) {
            needRestart.add("auth");
        }
        config = next;
        String text = (applied.isEmpty() ? "Nothing changed that applies live." : "Applied: "
                + String.join(", ", applied) + ".") + (needRestart.isEmpty() ? ""
                : " Changed but only taken at the next start: " + String.join(", ", needRestart) + ".")
                + " Calls in progress were kept.";
        log.info("admin.reload applied={} restart-needed={}", applied, needRestart);
        return text;
    }

    private static String currentLevel() {
        Level l = root().getLevel();
        return l == null ? "INFO" : l.toString();
    }

    private static ch.qos.logback.classic.Logger root() {
        return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    private static IQ completed(IQ request, String node, String session, DataForm form) {
        IQ result = reply(request, node, session, "completed");
        result.getChildElement().add(form.element());
        return result;
    }

    private static IQ executing(IQ request, String node, String session, DataForm form) {
        IQ result = reply(request, node, session, "executing");
        Element actions = result.getChildElement().addElement("actions").addAttribute("execute", "complete");
        actions.addElement("complete");
        result.getChildElement().add(form.element());
        return result;
    }

    private static IQ note(IQ request, String node, String session, String text) {
        IQ result = reply(request, node, session, "completed");
        result.getChildElement().addElement("note").addAttribute("type", "info").setText(text);
        return result;
    }

    private static IQ reply(IQ request, String node, String session, String status) {
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("command", NAMESPACE).addAttribute("node", node).addAttribute("sessionid", session)
                .addAttribute("status", status);
        return result;
    }

    private static IQ error(IQ request, PacketError.Condition condition, String text) {
        IQ error = IQ.createResultIQ(request);
        error.setChildElement(request.getChildElement().createCopy());
        error.setError(new PacketError(condition, condition.getDefaultType(), text, "en"));
        return error;
    }
}
