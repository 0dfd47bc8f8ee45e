// The model path: parse, translate, write (what `bench` timed before round 4). Compile: javac -cp MAPPER -d w W.java
import java.util.function.Function;
import org.jinglegateway.mapper.jingle.JingleWriter;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.translate.SdpToJingle;
public class W implements Function<String, String> {
    public String apply(String s) {
        return JingleWriter.toXml(SdpToJingle.translate(SdpParser.parseTyped(s).value(),
                SdpToJingle.Request.offer("bench")).value());
    }
}
