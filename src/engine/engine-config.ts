import type { BatchSettings } from './dispatcher/callback-batcher.js';
import type { RetryPolicy } from './dispatcher/retry-policy.js';
import type { ErrorKind } from './errors.js';
import type { LatencySpec } from './faults/latency.js';
import type { ScenarioSpec } from './faults/scenario.js';

/** Log verbosity; `debug` also logs every pipeline stage each request passes. */
export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

/** Simple faults for a provider (or all of them); scenario files add the full rule language. */
export interface FaultsConfig {
  /** Added latency before the provider answers. */
  latency?: LatencySpec;
  /** A fraction of requests answered with a native error instead of being processed. */
  errorRate?: { rate: number; error: ErrorKind };
}

/** Settings for one provider; `settings` is that provider's own, checked against its schema. */
export interface ProviderConfig {
  /** Whether the provider's routes are served. */
  enabled: boolean;
  /** Callback URL per callback kind (e.g. `dlr`), overriding the top-level `callbackUrl`. */
  callbacks: Record<string, string>;
  /** How this provider groups callback events into requests. */
  callbackBatch: BatchSettings;
  /** Retry policy for this provider's callbacks (defaults to the top-level one). */
  retry?: Partial<RetryPolicy>;
  /** Most requests served at once; more get the provider's `throttled` answer. Unset = no cap. */
  maxConcurrent?: number;
  faults: FaultsConfig;
  /** Provider-specific settings (accounts, templates, delays...), merged over its defaults. */
  settings: Record<string, unknown>;
}

/** The whole configuration; the CLI and the library take the same shape. */
export interface EngineConfig {
  /** Interface to listen on. */
  host: string;
  /** Port to listen on (0 picks a free one). */
  port: number;
  /** Seed of every random choice: same seed and same requests give the same run. */
  seed: string;
  /**
   * Whether identities (message ids, nonces, tokens, contact ids) repeat for the same seed. Off by
   * default: ids then mix in a salt drawn at each start and reset, so they never repeat across runs.
   */
  deterministicIds: boolean;
  /** Bounds of each provider's key-value state (`ProviderContext.store`). */
  state: {
    /** Most keys one provider keeps; the least recently used is evicted first. */
    maxKeysPerProvider: number;
    /** Milliseconds (injected clock) a key lives after its last write. */
    ttlMs: number;
    /** Redis shared by replicas (`redis://host:port`); unset keeps all state in this process. */
    redis?: string;
    /** Prefix of every Redis key, so several simulators can share one Redis. */
    keyPrefix: string;
  };
  /** Default target of every callback kind of every provider; unset means callbacks are journaled but not sent. */
  callbackUrl?: string;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  journal: {
    /** Most requests kept (oldest evicted first); 0 switches the journal off. */
    size: number;
    /** Most bytes the journal's entries take, estimated from their JSON size (oldest evicted first). */
    maxBytes: number;
    /** Largest body kept parsed in an entry; a larger one is kept as `{ truncated, bytes, text }`. */
    maxBodyBytes: number;
  };
  /** Bounds checked before any expensive work on a request. */
  limits: {
    /** Deepest nesting of arrays and objects accepted in a JSON (or YAML) body. */
    maxJsonDepth: number;
    /** Most members one object of a JSON (or YAML, or form) body may have. */
    maxObjectKeys: number;
    /** Most values one JSON (or YAML) body may hold: object members and array items, at any depth. */
    maxJsonValues: number;
  };
  /** Limits of the HTTP server itself. */
  server: {
    /** Milliseconds a client has to send the request headers. */
    headersTimeoutMs: number;
    /** Milliseconds a client has to send the whole request (a stalled body is dropped after it). */
    requestTimeoutMs: number;
    /** Milliseconds an idle keep-alive connection is kept open. */
    keepAliveTimeoutMs: number;
    /** Most connections open at once; more are refused. 0 means no cap. */
    maxConnections: number;
  };
  log: { level: LogLevel };
  callbacks: {
    /** How long the gateway has to answer one callback. */
    timeoutMs: number;
    /** Default retry policy for callbacks the gateway does not take. */
    retry: RetryPolicy;
    /** On shutdown, how long running the pending steps and sending their callbacks may take in all. */
    drainTimeoutMs: number;
    /** Hosts a request may name as its own callback target: host names, `*.suffix`, IPv4 CIDRs, or `*`. */
    allowedHosts: string[];
    /** File the callbacks still undelivered at shutdown are appended to, one JSON line each (default: stderr). */
    undeliveredFile?: string;
  };
  /** Faults applied to every provider (before each provider's own). */
  faults: FaultsConfig;
  /** Per-provider configuration, keyed by provider id. */
  providers: Record<string, ProviderConfig>;
  /** Fault scenarios active from the start (the shape of `schemas/scenario.schema.json`). */
  scenarios: ScenarioSpec[];
  /** Who may use the admin API (`/__admin`); provider routes are not affected. */
  admin?: {
    /** Bearer token every admin request must send (`Authorization: Bearer <token>`); unset: none asked. */
    token?: string;
    /** `Host` names the admin API answers besides loopback ones and `host` (e.g. the machine's name). */
    allowedHosts?: string[];
  };
  clock: {
    /** How fast simulated time runs: 60 makes a minute of DLR delays and callback retries pass in a second. Request latency stays real. */
    speed: number;
  };
}

/** Defaults for one provider's engine-level settings. */
export const DEFAULT_PROVIDER_CONFIG: Omit<ProviderConfig, 'settings'> = {
  enabled: true,
  callbacks: {},
  callbackBatch: { maxEvents: 1, windowMs: 0 },
  faults: {},
};
