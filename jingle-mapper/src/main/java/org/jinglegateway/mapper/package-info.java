/**
 * jingle-mapper: a pure library that models SDP (RFC 8866, JSEP) and Jingle (XEP-0166 and friends) and
 * translates between them. No sockets, threads, clocks, randomness or logging: text and XML in, values out.
 */
package org.jinglegateway.mapper;
