import type { RetryPolicy } from '../engine/dispatcher/retry-policy.js';
import type { BatchSettings } from '../engine/dispatcher/callback-batcher.js';
import type { LatencySpec } from '../engine/faults/latency.js';
import type { ScenarioSpec } from '../engine/faults/scenario.js';
import type { ErrorKind } from '../engine/errors.js';
import { DEFAULT_ALLOWED_HOSTS } from '../engine/dispatcher/target-allowlist.js';

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
export interface SimConfig {
  /** Interface to listen on. */
  host: string;
  /** Port to listen on (0 picks a free one). */
  port: number;
  /** Seed of every random choice: same seed and same requests give the same run. */
  seed: string;
  /** Default target of every callback kind of every provider; unset means callbacks are journaled but not sent. */
  callbackUrl?: string;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  journal: {
    /** Most requests kept (oldest evicted first); 0 switches the journal off. */
    size: number;
  };
  log: { level: LogLevel };
  callbacks: {
    /** How long the gateway has to answer one callback. */
    timeoutMs: number;
    /** Default retry policy for callbacks the gateway does not take. */
    retry: RetryPolicy;
    /** On shutdown, how long pending callbacks may take to go out. */
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
  clock: {
    /** How fast simulated time runs: 60 makes a minute of DLR delays and callback retries pass in a second. Request latency stays real. */
    speed: number;
  };
}

/** Any part of a `SimConfig`; what files, env, flags and library callers give. */
export type SimConfigInput = DeepPartial<SimConfig>;

/** Recursively optional. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** Defaults of everything but provider settings (those come from each provider's definition). */
export const DEFAULT_CONFIG: SimConfig = {
  host: '127.0.0.1',
  port: 4010,
  seed: 'provider-sim',
  bodyLimitBytes: 1024 * 1024,
  journal: { size: 1000 },
  log: { level: 'warn' },
  callbacks: {
    timeoutMs: 5000,
    retry: { maxAttempts: 5, initialDelayMs: 500, factor: 2, maxDelayMs: 30_000, jitter: 0.2 },
    drainTimeoutMs: 5000,
    allowedHosts: [...DEFAULT_ALLOWED_HOSTS],
  },
  faults: {},
  providers: {},
  scenarios: [],
  clock: { speed: 1 },
};

/** Defaults for one provider's engine-level settings. */
export const DEFAULT_PROVIDER_CONFIG: Omit<ProviderConfig, 'settings'> = {
  enabled: true,
  callbacks: {},
  callbackBatch: { maxEvents: 1, windowMs: 0 },
  faults: {},
};

const latencySchema = {
  oneOf: [
    {
      type: 'object',
      properties: { type: { const: 'fixed' }, ms: { type: 'number', minimum: 0 } },
      required: ['type', 'ms'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: {
        type: { const: 'uniform' },
        minMs: { type: 'number', minimum: 0 },
        maxMs: { type: 'number', minimum: 0 },
      },
      required: ['type', 'minMs', 'maxMs'],
      additionalProperties: false,
    },
  ],
};

const faultsSchema = {
  type: 'object',
  properties: {
    latency: latencySchema,
    errorRate: {
      type: 'object',
      properties: {
        rate: { type: 'number', minimum: 0, maximum: 1 },
        error: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
      },
      required: ['rate', 'error'],
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

const retrySchemaProperties = {
  maxAttempts: { type: 'integer', minimum: 1, maximum: 100 },
  initialDelayMs: { type: 'number', minimum: 0 },
  factor: { type: 'number', minimum: 1 },
  maxDelayMs: { type: 'number', minimum: 0 },
  jitter: { type: 'number', minimum: 0, maximum: 1 },
};

const urlSchema = { type: 'string', pattern: '^https?://' };

/** JSON Schema of a resolved `SimConfig`; start-up errors name the field it rejects. */
export const SIM_CONFIG_SCHEMA = {
  type: 'object',
  properties: {
    host: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    seed: { type: 'string', minLength: 1 },
    callbackUrl: urlSchema,
    bodyLimitBytes: { type: 'integer', minimum: 1 },
    journal: {
      type: 'object',
      properties: { size: { type: 'integer', minimum: 0 } },
      required: ['size'],
      additionalProperties: false,
    },
    log: {
      type: 'object',
      properties: { level: { enum: ['silent', 'error', 'warn', 'info', 'debug'] } },
      required: ['level'],
      additionalProperties: false,
    },
    callbacks: {
      type: 'object',
      properties: {
        timeoutMs: { type: 'integer', minimum: 1 },
        retry: {
          type: 'object',
          properties: retrySchemaProperties,
          required: Object.keys(retrySchemaProperties),
          additionalProperties: false,
        },
        drainTimeoutMs: { type: 'integer', minimum: 0 },
        allowedHosts: { type: 'array', items: { type: 'string', minLength: 1 } },
        undeliveredFile: { type: 'string', minLength: 1 },
      },
      required: ['timeoutMs', 'retry', 'drainTimeoutMs', 'allowedHosts'],
      additionalProperties: false,
    },
    faults: faultsSchema,
    providers: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: {
          enabled: { type: 'boolean' },
          callbacks: { type: 'object', additionalProperties: urlSchema },
          callbackBatch: {
            type: 'object',
            properties: {
              maxEvents: { type: 'integer', minimum: 1, maximum: 1000 },
              windowMs: { type: 'number', minimum: 0 },
            },
            required: ['maxEvents', 'windowMs'],
            additionalProperties: false,
          },
          retry: { type: 'object', properties: retrySchemaProperties, additionalProperties: false },
          maxConcurrent: { type: 'integer', minimum: 1 },
          faults: faultsSchema,
          settings: { type: 'object' },
        },
        additionalProperties: false,
      },
    },
    scenarios: { type: 'array', items: { type: 'object' } },
    clock: {
      type: 'object',
      properties: { speed: { type: 'number', exclusiveMinimum: 0, maximum: 1000000 } },
      required: ['speed'],
      additionalProperties: false,
    },
  },
  required: [
    'scenarios',
    'clock',
    'host',
    'port',
    'seed',
    'bodyLimitBytes',
    'journal',
    'log',
    'callbacks',
    'faults',
    'providers',
  ],
  additionalProperties: false,
} as const;
