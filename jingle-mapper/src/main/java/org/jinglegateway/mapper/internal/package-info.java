/** Helpers shared by the mapper's packages; not API. */
package org.jinglegateway.mapper.internal;
