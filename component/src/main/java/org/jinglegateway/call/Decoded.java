package org.jinglegateway.call;

/** What {@link BrowserFrameDecoder} made of one text frame: a typed {@link BrowserFrame}, or a {@link FrameRefusal}. */
public sealed interface Decoded permits BrowserFrame, FrameRefusal {
}
