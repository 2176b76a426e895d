import type { ContractConfig } from '../contracts/config/contract-config.js';
import { SimError } from '../engine/errors.js';
import { integerFlag } from './shared-options.js';

/** Where the command line moves a contract run: the simulator's port, the gateway's origin. */
export interface ContractPlacement {
  /** Port of the simulator the command starts (`--port`, else `PROVIDER_SIM_PORT`). */
  port?: { value: number; from: string };
  /** Origin (`http://host:port`) every gateway URL of the config is moved to (`--gateway-url`). */
  gatewayOrigin?: string;
}

/**
 * Reads `--port` (else `PROVIDER_SIM_PORT`, as `start` does) and `--gateway-url`, as given.
 * Throws a `SimError` naming the flag or variable whose value is not usable.
 */
export function readPlacement(
  flags: { port?: string | undefined; gatewayUrl?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): ContractPlacement {
  const placement: ContractPlacement = {};
  const [from, raw] =
    flags.port !== undefined
      ? ['--port', flags.port]
      : ['PROVIDER_SIM_PORT', env.PROVIDER_SIM_PORT];
  const port = raw ? integerFlag(from, raw, { min: 0, max: 65535 }) : undefined;
  if (port !== undefined) placement.port = { value: port, from };
  if (flags.gatewayUrl !== undefined) {
    const raw = flags.gatewayUrl;
    const url = URL.canParse(raw) ? new URL(raw) : undefined;
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search) {
      throw new SimError(
        'invalid-flag',
        '--gateway-url',
        `--gateway-url must be the gateway's origin, such as http://127.0.0.1:8080 (scheme, host and port only); got "${raw}"`,
        { actual: raw },
      );
    }
    placement.gatewayOrigin = url.origin;
  }
  return placement;
}

/** `url` with its scheme, host and port replaced by `origin`; URLs not starting with http(s):// stay. */
function rebase(url: string, origin: string): string {
  return url.replace(/^https?:\/\/[^/?#]*/i, origin);
}

/**
 * `config` moved as `placement` says: the started simulator on its port, and every gateway URL
 * (ready, trigger, probe, callbacks) at its origin with its path kept. A port for a run that
 * uses a running simulator is refused with a `SimError` naming where the port came from.
 */
export function placeContractRun(
  config: ContractConfig,
  placement: ContractPlacement,
): ContractConfig {
  let placed = config;
  if (placement.port !== undefined) {
    if (config.simulator.url !== undefined) {
      // The environment may name the port for `start`; only a flag given here is a mistake.
      if (placement.port.from === '--port')
        throw new SimError(
          'invalid-flag',
          '--port',
          `--port ${placement.port.value} sets the port of the simulator the command starts, but this run uses the one at ${config.simulator.url} (--url or simulator.url)`,
          { actual: placement.port.value },
        );
    } else {
      placed = {
        ...placed,
        simulator: {
          ...placed.simulator,
          config: { ...placed.simulator.config, port: placement.port.value },
        },
      };
    }
  }
  const origin = placement.gatewayOrigin;
  if (origin !== undefined) {
    const { gateway } = placed;
    const callbacks = Object.fromEntries(
      Object.entries(gateway.callbacks).map(([provider, kinds]) => [
        provider,
        Object.fromEntries(Object.entries(kinds).map(([kind, url]) => [kind, rebase(url, origin)])),
      ]),
    );
    placed = {
      ...placed,
      gateway: {
        ...gateway,
        ...(gateway.ready && {
          ready: { ...gateway.ready, url: rebase(gateway.ready.url, origin) },
        }),
        trigger:
          typeof gateway.trigger === 'function'
            ? gateway.trigger
            : { ...gateway.trigger, url: rebase(gateway.trigger.url, origin) },
        ...(gateway.probe !== undefined && {
          probe:
            typeof gateway.probe === 'function'
              ? gateway.probe
              : { ...gateway.probe, url: rebase(gateway.probe.url, origin) },
        }),
        callbacks,
      },
    };
  }
  return placed;
}
