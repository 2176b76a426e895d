import { spawnSync } from 'node:child_process';
import os from 'node:os';

/** How server children are launched and where the load generator runs. */
export interface Pinning {
  /** Command and leading arguments that start a server child (before node's own arguments). */
  launcher: { command: string; args: string[] };
  /**
   * Starts helpers that stand in for the outside world (the callback sink): on the load
   * generator's core, so the server's core does only the server's work.
   */
  helperLauncher: { command: string; args: string[] };
  /** Whether server children are bound to core 0. */
  serverPinned: boolean;
  /** Whether this process (the load generator) is bound to core 1. */
  loadPinned: boolean;
  /** Why pinning is partial or absent; empty when both are pinned. */
  notes: string[];
}

const SERVER_CORE = '0';
const LOAD_CORE = '1';

const runs = (command: string, args: string[]): boolean =>
  spawnSync(command, args, { stdio: 'ignore' }).status === 0;

/** Pins this process to core 1 and plans server children on core 0, degrading to no pinning. */
export function setUpPinning(): Pinning {
  const unpinned: Pinning = {
    launcher: { command: process.execPath, args: [] },
    helperLauncher: { command: process.execPath, args: [] },
    serverPinned: false,
    loadPinned: false,
    notes: [],
  };
  if (process.platform !== 'linux') {
    unpinned.notes.push(`no CPU pinning on ${process.platform}: server and load share cores`);
    return unpinned;
  }
  if (!runs('taskset', ['-V'])) {
    unpinned.notes.push('taskset not found: server and load generator share cores');
    return unpinned;
  }
  const cores = os.availableParallelism();
  if (cores < 2) {
    unpinned.notes.push(`only ${cores} core available: server and load generator share it`);
    return unpinned;
  }
  const pinning: Pinning = { ...unpinned, notes: [] };
  if (runs('taskset', ['-c', SERVER_CORE, 'true'])) {
    pinning.launcher = { command: 'taskset', args: ['-c', SERVER_CORE, process.execPath] };
    pinning.serverPinned = true;
  } else {
    pinning.notes.push(`could not pin server children to core ${SERVER_CORE}`);
  }
  // -a: the threads node already started (libuv, V8 platform) move too, not only the main one.
  if (runs('taskset', ['-a', '-cp', LOAD_CORE, String(process.pid)])) {
    pinning.loadPinned = true;
    pinning.helperLauncher = { command: 'taskset', args: ['-c', LOAD_CORE, process.execPath] };
  } else {
    pinning.notes.push(`could not pin the load generator to core ${LOAD_CORE}`);
  }
  if (cores > 2) {
    pinning.notes.push(`${cores} cores: only cores ${SERVER_CORE} and ${LOAD_CORE} are used`);
  }
  return pinning;
}

/** One line saying where the server and the load generator run. */
export function describePinning(pinning: Pinning): string {
  const server = pinning.serverPinned ? `server on core ${SERVER_CORE}` : 'server unpinned';
  const load = pinning.loadPinned ? `load generator on core ${LOAD_CORE}` : 'load unpinned';
  return [`${server}, ${load}`, ...pinning.notes].join('; ');
}
