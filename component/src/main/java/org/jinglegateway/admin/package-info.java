/** XEP-0050 ad-hoc commands for the admins named in the config, with XEP-0004 data forms. */
package org.jinglegateway.admin;
