/**
 * Logback pieces that keep one event on one line: values from browsers and peers (call ids, JIDs, JWT headers,
 * reasons) are escaped before they reach a log line, so none of them can forge another line.
 */
package org.jinglegateway.logging;
