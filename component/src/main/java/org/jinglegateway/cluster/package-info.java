/** Several instances as one gateway, on embedded Hazelcast (docs/operations.md, "Several instances"). */
package org.jinglegateway.cluster;
