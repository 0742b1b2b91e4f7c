/** IP pools: named sets of local source addresses with a HELO name, and the turn each copy of a pool takes (docs/api.md#ip-pools). */
package org.smtpplus.core.pool;
