import type { FaultsConfig } from '../../src/config/sim-config.js';

/**
 * The fault config of the main bench's provider-sim server: a zero-millisecond latency rule, so
 * fault evaluation runs on every request. The CLI servers get it through a config file.
 */
export const BENCH_FAULTS = { latency: { type: 'fixed', ms: 0 } } satisfies FaultsConfig;
