/** Helpers of the SDP parser and writer that are not API: the field cursor and the attribute readers. */
package org.jinglegateway.mapper.sdp.internal;
