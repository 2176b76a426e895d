import type { EngineConfig } from '../engine/engine-config.js';
import { DEFAULT_ALLOWED_HOSTS } from '../engine/dispatcher/target-allowlist.js';

export type { FaultsConfig, LogLevel, ProviderConfig } from '../engine/engine-config.js';
export { DEFAULT_PROVIDER_CONFIG } from '../engine/engine-config.js';

/** The resolved configuration; the engine owns its shape, this layer reads and validates it. */
export type SimConfig = EngineConfig;

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
  deterministicIds: false,
  state: { maxKeysPerProvider: 100_000, ttlMs: 24 * 60 * 60 * 1000, keyPrefix: 'provider-sim' },
  bodyLimitBytes: 1024 * 1024,
  journal: { size: 1000, maxBytes: 64 * 1024 * 1024, maxBodyBytes: 64 * 1024 },
  // The widest documented object is a Sinch SMS REST batch's `parameters` entry (1,000 recipients
  // plus `default`); a batch of 1,000 recipients with 18 such entries holds about 20,000 values.
  // Bodies at these bounds are parsed, validated and journaled in a few tens of milliseconds.
  limits: { maxJsonDepth: 64, maxObjectKeys: 2000, maxJsonValues: 20_000 },
  server: {
    headersTimeoutMs: 30_000,
    requestTimeoutMs: 30_000,
    keepAliveTimeoutMs: 65_000,
    maxConnections: 1024,
  },
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
    deterministicIds: { type: 'boolean' },
    state: {
      type: 'object',
      properties: {
        maxKeysPerProvider: { type: 'integer', minimum: 1 },
        ttlMs: { type: 'integer', minimum: 1 },
        redis: { type: 'string', pattern: '^rediss?://' },
        keyPrefix: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' },
      },
      required: ['maxKeysPerProvider', 'ttlMs', 'keyPrefix'],
      additionalProperties: false,
    },
    callbackUrl: urlSchema,
    bodyLimitBytes: { type: 'integer', minimum: 1 },
    journal: {
      type: 'object',
      properties: {
        size: { type: 'integer', minimum: 0 },
        maxBytes: { type: 'integer', minimum: 0 },
        maxBodyBytes: { type: 'integer', minimum: 0 },
      },
      required: ['size', 'maxBytes', 'maxBodyBytes'],
      additionalProperties: false,
    },
    limits: {
      type: 'object',
      properties: {
        maxJsonDepth: { type: 'integer', minimum: 1, maximum: 10_000 },
        maxObjectKeys: { type: 'integer', minimum: 1 },
        maxJsonValues: { type: 'integer', minimum: 1 },
      },
      required: ['maxJsonDepth', 'maxObjectKeys', 'maxJsonValues'],
      additionalProperties: false,
    },
    server: {
      type: 'object',
      properties: {
        headersTimeoutMs: { type: 'integer', minimum: 1 },
        requestTimeoutMs: { type: 'integer', minimum: 1 },
        keepAliveTimeoutMs: { type: 'integer', minimum: 1 },
        maxConnections: { type: 'integer', minimum: 0 },
      },
      required: ['headersTimeoutMs', 'requestTimeoutMs', 'keepAliveTimeoutMs', 'maxConnections'],
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
    admin: {
      type: 'object',
      properties: {
        token: { type: 'string', minLength: 1 },
        allowedHosts: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
      additionalProperties: false,
    },
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
    'deterministicIds',
    'state',
    'bodyLimitBytes',
    'journal',
    'limits',
    'server',
    'log',
    'callbacks',
    'faults',
    'providers',
  ],
  additionalProperties: false,
} as const;
