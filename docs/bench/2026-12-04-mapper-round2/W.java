// Compile: javac -cp gateway.jar -d w W.java. The workload loaded into each class loader by Pair.java.
import java.util.function.Function;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.translate.SdpToJingle;
import org.jinglegateway.mapper.jingle.JingleWriter;
public class W implements Function<String, String> {
    public String apply(String s) {
        return JingleWriter.toXml(SdpToJingle.translate(SdpParser.parseTyped(s).value(),
                SdpToJingle.Request.offer("bench")).value());
    }
}
