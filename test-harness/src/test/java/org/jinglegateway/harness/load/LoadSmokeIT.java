package org.jinglegateway.harness.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the load suite ({@code bash scripts/load.sh}) from rotting: the whole run on a real Prosody and the real
 * gateway, with numbers small enough for a few seconds of generator time. It checks that every phase reported
 * figures, not what they are (speed belongs in docs/benchmarks.md, not in assertions).
 */
class LoadSmokeIT {
    private static final List<String> KINDS = List.of("offer→session-initiate", "session-initiate→offer",
            "session-accept→answer", "answer→session-accept", "transport-info→candidate", "candidate→transport-info",
            "hangup→session-terminate", "session-terminate→hangup", "call→propose", "propose→ring", "accept→proceed",
            "proceed→session-initiate", "direct session-initiate", "direct session-accept", "direct transport-info",
            "direct propose", "direct session-terminate");

    @Test
    void aShortRunReportsEveryMessageKindThroughputAndHeldCalls() throws Exception {
        Path out = Files.createTempFile("jg-load-", ".json");
        LoadOptions o = LoadOptions.parse("--probes", "3", "--background-rate", "10", "--rates", "20",
                "--step-seconds", "2", "--held", "30", "--hold-rate", "30", "--devices", "2", "--peers", "2",
                "--nagle", "false", "--warm-up-calls", "100", "--fixtures",
                "../jingle-mapper/src/test/resources/fixtures", "--out", out.toString());

        int code = new LoadMain(o).run();

        JsonNode report = new ObjectMapper().readTree(out.toFile());
        JsonNode prosody = report.path("prosody");
        assertThat(prosody.path("failed").asText("")).as("the run's failure, if any").isEmpty();
        assertThat(code).isZero();
        List<String> missing = new ArrayList<>();
        for (String phase : List.of("idle", "under_background_load")) {
            for (String kind : KINDS) {
                if (prosody.path("latency_ms").path(phase).path(kind).path("count").asInt() < 3) {
                    missing.add(phase + ": " + kind);
                }
            }
        }
        assertThat(missing).as("message kinds without three samples").isEmpty();
        JsonNode step = prosody.path("setup_throughput").path(0);
        assertThat(step.path("answered").asLong()).as("calls answered at 20/s for 2 s").isPositive();
        assertThat(step.path("gateway_cpu_ms_per_call").asDouble()).as("gateway CPU per call").isPositive();
        JsonNode held = prosody.path("held_calls").path(0);
        assertThat(held.path("held").asLong()).as("calls held").isEqualTo(30);
        assertThat(held.path("bytes_per_call").asLong()).as("heap per held call").isPositive();
        assertThat(held.path("top_classes_per_call")).as("the heap histogram's classes").isNotEmpty();
    }

    /** {@code --instances 3} on ejabberd: the worker devices on three instances of one gateway, figures summed. */
    @Test
    void aShortRunOverThreeInstancesOnEjabberd_reportsThroughputAndHeldCallsOfAllThree() throws Exception {
        Path out = Files.createTempFile("jg-load-", ".json");
        LoadOptions o = LoadOptions.parse("--servers", "ejabberd", "--instances", "3", "--probes", "3",
                "--background-rate", "10", "--rates", "20", "--step-seconds", "2", "--held", "30", "--hold-rate", "30",
                "--devices", "3", "--peers", "2", "--heap", "256m", "--fixtures",
                "../jingle-mapper/src/test/resources/fixtures", "--out", out.toString());

        int code = new LoadMain(o).run();

        JsonNode ejabberd = new ObjectMapper().readTree(out.toFile()).path("ejabberd");
        assertThat(ejabberd.path("failed").asText("")).as("the run's failure, if any").isEmpty();
        assertThat(code).isZero();
        assertThat(ejabberd.path("gateway_instances").asInt()).isEqualTo(3);
        assertThat(ejabberd.path("gateway_pid").size()).as("a pid per instance").isEqualTo(3);
        JsonNode step = ejabberd.path("setup_throughput").path(0);
        assertThat(step.path("answered").asLong()).as("calls answered at 20/s for 2 s").isPositive();
        JsonNode held = ejabberd.path("held_calls").path(0);
        assertThat(held.path("held").asLong()).as("calls held").isEqualTo(30);
    }

    @Test
    void instancesAboveOne_needEjabberd() {
        assertThatThrownBy(() -> LoadOptions.parse("--instances", "2"))
                .hasMessageContaining("needs --servers ejabberd");
        assertThatThrownBy(() -> LoadOptions.parse("--servers", "ejabberd", "--instances", "0"))
                .hasMessageContaining("at least 1");
    }
}
