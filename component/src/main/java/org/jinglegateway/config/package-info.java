/** Gateway settings: conf/gateway.yaml read with Jackson into validated records, then environment and flags. */
package org.jinglegateway.config;
