/** The command line: {@code run}, {@code convert} and {@code bench} (contracts.md §1 and §2). */
package org.jinglegateway.cli;
