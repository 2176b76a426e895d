import type { Simulator } from '../app/simulator.js';

/** The parts of a simulator the admin API operates on. */
export type AdminTarget = Pick<
  Simulator,
  'config' | 'journal' | 'providers' | 'describe' | 'reset' | 'inbound' | 'faults' | 'forceStatus'
> &
  Pick<Simulator, 'callbackStats' | 'metrics'>;
