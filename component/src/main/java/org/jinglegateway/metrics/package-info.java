/** Prometheus metrics (Micrometer) and the health endpoint: what operators watch. */
package org.jinglegateway.metrics;
