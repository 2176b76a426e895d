import { isLoopbackHost } from '../admin/admin-access.js';
import type { SimConfig } from '../config/sim-config.js';
import { SimError } from '../engine/errors.js';

/**
 * Refuses to serve the admin API beyond this machine without a token (a `SimError` naming
 * `--admin-token`, so exit code 2); with `insecure`, answers the warning to print instead.
 * Undefined when nothing is exposed.
 */
export function checkAdminExposure(config: SimConfig, insecure: boolean): string | undefined {
  if (isLoopbackHost(config.host) || config.admin?.token !== undefined) return undefined;
  const exposed = `--host ${config.host} serves the admin API (journal, credentials, reset, faults) beyond this machine`;
  if (insecure)
    return `${exposed} without a token (--insecure-admin); anyone who reaches it can use it`;
  throw new SimError(
    'admin-token-required',
    '--admin-token',
    `${exposed}: set --admin-token <token> (or PROVIDER_SIM_ADMIN_TOKEN, or admin.token in the config), or pass --insecure-admin to serve it open`,
  );
}
