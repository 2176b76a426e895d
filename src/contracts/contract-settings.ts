import type { ContractSettings } from './types.js';

/**
 * Defaults for a gateway in CI: callbacks acknowledged within 2 s, retries seen within 3 s and
 * spaced at least 50 ms apart, connections held 3 s before the simulator drops them.
 */
export const DEFAULT_CONTRACT_SETTINGS: Readonly<ContractSettings> = {
  seed: 'provider-sim-contract',
  callbackDeadlineMs: 2000,
  retryWindowMs: 3000,
  minRetryDelayMs: 50,
  retryAfterSeconds: 1,
  timeoutHoldMs: 3000,
  concurrencyHoldMs: 300,
  robustnessSamples: 2,
};
