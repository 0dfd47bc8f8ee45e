/** The command line: {@code run}, {@code convert} and {@code bench} (README.md). */
package org.jinglegateway.cli;
