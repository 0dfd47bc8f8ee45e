package org.jinglegateway.harness.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.jingle.JingleWriter;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SdpWriter;
import org.jinglegateway.mapper.translate.JingleToSdp;
import org.jinglegateway.mapper.translate.Role;
import org.jinglegateway.mapper.translate.SdpToJingle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The mapper on three Chromium fixtures (audio only, BUNDLE audio+video+data, the same with candidates), string
 * in to string out, beside the floors: cutting the SDP into lines and fields, a StAX parse of the Jingle XML (with
 * the JDK's parser and with the shipped one), and building plus serialising the same element tree with dom4j. Run
 * with {@code bash scripts/bench.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MapperBenchmark {
    /** The JDK's own parser, whatever else is on the class path: the floor issue 3 names. */
    private static final XMLInputFactory STAX = XMLInputFactory.newDefaultFactory();
    /** The parser the mapper uses: the class path's (Woodstox under scripts/bench.sh, as in the gateway's jar). */
    private static final XMLInputFactory SHIPPED = XMLInputFactory.newFactory();

    @Param({"audio-offer", "audio-video-data-offer", "audio-video-data-offer-gathered"})
    public String fixture;

    private String sdp;
    private String xml;
    private Jingle jingle;

    @Setup
    public void load() throws IOException {
        Path dir = Path.of(System.getProperty("fixtures", "jingle-mapper/src/test/resources/fixtures"), "chrome");
        sdp = Files.readString(dir.resolve(fixture + ".sdp"));
        jingle = SdpToJingle.translate(SdpParser.parse(sdp).value(), SdpToJingle.Request.offer("bench")).value();
        xml = JingleWriter.toXml(jingle);
    }

    @Benchmark
    public String sdpToJingleXml() {
        return JingleWriter.toXml(SdpToJingle.translate(SdpParser.parseTyped(sdp).value(),
                SdpToJingle.Request.offer("bench")).value());
    }

    @Benchmark
    public String jingleXmlToSdp() {
        Jingle j = JingleReader.read(xml);
        return SdpWriter.write(JingleToSdp.translate(j, j.action() == JingleAction.SESSION_ACCEPT ? Role.RESPONDER
                : Role.INITIATOR).value());
    }

    /** The Jingle XML string read into the model alone, to split jingleXmlToSdp into reading and the rest. */
    @Benchmark
    public Jingle jingleXmlRead() {
        return JingleReader.read(xml);
    }

    /** The SDP string parsed alone (with its typed views), to split sdpToJingleXml. */
    @Benchmark
    public Object sdpParse() {
        return SdpParser.parseTyped(sdp).value();
    }

    /** Floor: cutting the SDP into lines and space-separated fields. */
    @Benchmark
    public void floorSdpLinesAndFields(Blackhole bh) {
        int start = 0;
        int length = sdp.length();
        while (start < length) {
            int end = sdp.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            String line = sdp.substring(start, end > start && sdp.charAt(end - 1) == '\r' ? end - 1 : end);
            for (String field : line.split(" ")) {
                bh.consume(field);
            }
            start = end + 1;
        }
    }

    /** Floor: a JDK StAX parse of the Jingle XML, touching every event. */
    @Benchmark
    public void floorStaxParse(Blackhole bh) throws XMLStreamException {
        XMLStreamReader r = STAX.createXMLStreamReader(new StringReader(xml));
        while (r.hasNext()) {
            bh.consume(r.next());
        }
        r.close();
    }

    /** Floor: the same parse with the parser the mapper runs on ({@code SHIPPED}). */
    @Benchmark
    public void floorShippedStaxParse(Blackhole bh) throws XMLStreamException {
        XMLStreamReader r = SHIPPED.createXMLStreamReader(new StringReader(xml));
        while (r.hasNext()) {
            bh.consume(r.next());
        }
        r.close();
    }

    /** Floor: building the same element tree with dom4j and serialising it. */
    @Benchmark
    public String floorDom4jBuildAndSerialise() {
        return JingleWriter.toElement(jingle).asXML();
    }
}
