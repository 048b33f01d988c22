import type { Config } from '../../api/config-schema.ts';
import { ApiError } from '../../api/contract.ts';
import type { HostPort } from '../host/host-port.ts';

/**
 * The running config with its secrets' values, for an export file the user asked for. The host decides
 * whether that is allowed: the desktop app (the user's own secrets) says so, the headless server never does.
 */
export function configWithSecrets(host: HostPort, config: Config): Config {
  if (!host.info().secretExport) {
    throw new ApiError(
      403,
      'secret values are exported only by the desktop app: this server never hands them out (export without them, or copy the config file on the server)',
    );
  }
  return config;
}
