package org.jinglegateway.call;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** What the XEP-0050 admin commands see of calls and do to them. */
final class AdminView {
    private final CallContext context;
    private final Endings endings;

    AdminView(CallContext context, Endings endings) {
        this.context = context;
        this.endings = endings;
    }

    List<CallService.CallInfo> calls(Clock clock) {
        long now = System.nanoTime();
        return context.calls.all().stream().map(c -> new CallService.CallInfo(adminId(c), c.local.toString(),
                c.peerOrBare().toString(), c.state().name().toLowerCase(Locale.ROOT), c.outgoing,
                clock.instant().minusNanos(now - c.startedNanos))).toList();
    }

    boolean endCall(String id, String reason) {
        for (Call call : context.calls.all()) {
            if (adminId(call).equals(id)) {
                context.onLane(call, c -> endings.endByAdmin(c, reason));
                return true;
            }
        }
        return false;
    }

    private static String adminId(Call c) {
        return c.local + " " + c.callId;
    }
}
