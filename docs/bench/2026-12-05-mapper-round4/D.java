// The public path of round 4: SdpToJingle.toXml (direct for a browser's SDP, else the model path).
import java.util.function.Function;
import org.jinglegateway.mapper.translate.SdpToJingle;
public class D implements Function<String, String> {
    public String apply(String s) {
        return SdpToJingle.toXml(s, SdpToJingle.Request.offer("bench"));
    }
}
