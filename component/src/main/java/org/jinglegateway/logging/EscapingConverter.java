package org.jinglegateway.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

/**
 * {@code %escape(...)} in a logback pattern: what the wrapped pattern wrote, with control characters escaped
 * ({@link LogEscape}). logback.xml wraps the message and the MDC values in it.
 */
public final class EscapingConverter extends CompositeConverter<ILoggingEvent> {
    @Override
    protected String transform(ILoggingEvent event, String in) {
        return LogEscape.escape(in);
    }
}
