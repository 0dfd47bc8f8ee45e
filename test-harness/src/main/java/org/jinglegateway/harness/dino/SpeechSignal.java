package org.jinglegateway.harness.dino;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A speech-like test signal as a WAV file (48 kHz, mono, 16 bit): syllables of 120-300 ms, each a harmonic tone
 * whose pitch glides between 100 and 220 Hz under a smooth envelope, with 50-200 ms pauses between them. A desktop
 * client's voice processing treats a steady sine as noise and sends almost nothing (field notes: Dino sent about 2
 * packets a second); this makes it send a packet every 20 ms. The same seed always gives the same file.
 */
public final class SpeechSignal {
    private static final int RATE = 48_000;
    private static final int HARMONICS = 8;
    private static final double PEAK = 20_000;

    private SpeechSignal() {
    }

    /** Writes {@code seconds} of the signal to {@code wav}. */
    public static void write(Path wav, int seconds) throws IOException {
        Random random = new Random(7);
        short[] samples = new short[RATE * seconds];
        int at = 0;
        while (at < samples.length) {
            int length = (int) (RATE * (0.12 + 0.18 * random.nextDouble()));
            double f0 = 100 + 120 * random.nextDouble();
            double glide = -60 + 120 * random.nextDouble();
            double phase = 0;
            for (int i = 0; i < length && at < samples.length; i++, at++) {
                double envelope = Math.pow(Math.sin(Math.PI * i / length), 2);
                phase += 2 * Math.PI * (f0 + glide * i / length) / RATE;
                double s = 0;
                for (int k = 1; k <= HARMONICS; k++) {
                    s += Math.sin(k * phase) / k;
                }
                samples[at] = (short) Math.max(-PEAK, Math.min(PEAK, s * 0.25 * envelope * PEAK));
            }
            at += (int) (RATE * (0.05 + 0.15 * random.nextDouble()));
        }
        Files.write(wav, wavBytes(samples));
    }

    private static byte[] wavBytes(short[] samples) {
        int dataBytes = samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(dataBytes);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }
}
