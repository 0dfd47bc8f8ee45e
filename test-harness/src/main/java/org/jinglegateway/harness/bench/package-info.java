/** JMH benchmarks of the mapper and the floors it is measured against (docs/benchmarks.md). */
package org.jinglegateway.harness.bench;
