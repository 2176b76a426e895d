import type { SimConfigInput } from '../../config/sim-config.js';
import type { ContractSettings, GatewaySendInput } from '../types.js';
import { REPORTER_NAMES, type ReporterName, type ReportTarget } from './report-targets.js';

/** What trigger and probe hooks get besides their input. */
export interface HookContext {
  /** Base URL of the simulator the run uses. */
  simulatorUrl: string;
}

/** A trigger written as a function: makes the gateway send, resolves to the ids of its messages. */
export type SendHook = (
  input: GatewaySendInput,
  context: HookContext,
) => Promise<{ ids: string[] } | string[]>;

/** A probe written as a function: the gateway's status of message `id` (suite vocabulary), or undefined. */
export type StatusHook = (id: string, context: HookContext) => Promise<string | undefined>;

/** A trigger or probe exported by a module (a path relative to the config file). */
export interface ModuleHook {
  module: string;
  /** Named export; default `send` for a trigger, `status` for a probe. */
  export?: string;
}

/** The gateway's send API as an HTTP request template. */
export interface HttpTrigger {
  /** With placeholders: `{{provider}}`, `{{to}}`, `{{text}}`, `{{templateId}}`, `{{international}}`, `{{simulatorUrl}}`, `{{env.NAME}}`. */
  url: string;
  /** Default POST. */
  method?: string;
  headers?: Record<string, string>;
  /** JSON body template; a string that is exactly one placeholder keeps the value's type (`{{to}}` stays an array). */
  body?: unknown;
  /** JSON pointer to the message ids in the answer, `*` for every item; default `/messages/*\/id`. */
  ids?: string;
}

/** The gateway's status API as an HTTP request template. */
export interface HttpProbe {
  /** With `{{id}}` (and `{{env.NAME}}`): `http://127.0.0.1:8080/messages/{{id}}`. */
  url: string;
  headers?: Record<string, string>;
  /** JSON pointer to the status in the answer; default `/status`. */
  status?: string;
  /** The gateway's status words to the suite's (`DELIVRD: delivered`); others pass as they are. */
  map?: Record<string, string>;
}

/** The contract config as written (YAML, JSON, or a JS/TS module exporting it). */
export interface ContractConfigInput {
  /** Seed of the simulator and of generated callbacks; same seed, same run. */
  seed?: string;
  /** Providers whose cases run; default the providers named in `gateway.callbacks`. */
  providers?: string[];
  cases?: { only?: string[]; skip?: string[] };
  simulator?: {
    /** A running simulator to use instead of starting one (same as `--url`). */
    url?: string;
    /** Config of the simulator provider-sim starts (as `provider-sim start --config` takes); port 4010 unless set. */
    config?: SimConfigInput;
  };
  gateway: {
    /** Polled until it answers 2xx before the cases start. */
    ready?: { url: string; timeoutMs?: number };
    trigger: HttpTrigger | ModuleHook | SendHook;
    probe?: HttpProbe | ModuleHook | StatusHook;
    /** Where the gateway takes callbacks: per provider, per kind. Kinds left out go to the provider's first URL. */
    callbacks: Record<string, Record<string, string>>;
    /** The most requests the gateway keeps in flight to one provider; the concurrency case is skipped without it. */
    concurrency?: number;
  };
  /** How patient the suite is (see `ContractSettings`). */
  settings?: Partial<Omit<ContractSettings, 'seed' | 'concurrency'>>;
  timeouts?: {
    /** Longest wait for traffic to show up; default 10 s. */
    settleMs?: number;
    /** Pause before re-reading a status that must not change; default 100 ms. */
    graceMs?: number;
    /** Longest one case may run; default 60 s. */
    caseMs?: number;
    /** Longest the whole run may take; default 15 min. */
    totalMs?: number;
  };
  /**
   * Which reports to write: one format or several, and a file for one (`output: report.html`) or
   * per format (`output: { junit: reports/contract.xml, html: reports/contract.html }`).
   */
  report?: { reporter?: ReporterName | ReporterName[]; output?: string | Record<string, string> };
}

export type { ReporterName };

/** A contract config checked and with its defaults, hooks loaded. */
export interface ContractConfig {
  seed: string;
  providers: string[];
  cases: { only?: string[]; skip?: string[] };
  simulator: { url?: string; config: SimConfigInput };
  gateway: {
    ready?: { url: string; timeoutMs: number };
    trigger: HttpTrigger | SendHook;
    probe?: HttpProbe | StatusHook;
    callbacks: Record<string, Record<string, string>>;
    concurrency?: number;
  };
  settings: Partial<ContractSettings>;
  timeouts: { settleMs: number; graceMs: number; caseMs: number; totalMs: number };
  /** The reports to write, in order. */
  report: { targets: ReportTarget[] };
  /** Directory relative paths are read from. */
  baseDir: string;
}

const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
const ms = { type: 'integer', minimum: 0 };
const moduleHook = {
  type: 'object',
  required: ['module'],
  properties: {
    module: { type: 'string', minLength: 1 },
    export: { type: 'string', minLength: 1 },
  },
  additionalProperties: false,
};

/** JSON Schema of the written config (functions are checked apart). */
export const CONTRACT_CONFIG_SCHEMA = {
  type: 'object',
  required: ['gateway'],
  additionalProperties: false,
  properties: {
    seed: { type: 'string', minLength: 1 },
    providers: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    cases: {
      type: 'object',
      additionalProperties: false,
      properties: {
        only: { type: 'array', items: { type: 'string' } },
        skip: { type: 'array', items: { type: 'string' } },
      },
    },
    simulator: {
      type: 'object',
      additionalProperties: false,
      properties: { url: { type: 'string', pattern: '^https?://' }, config: { type: 'object' } },
    },
    gateway: {
      type: 'object',
      required: ['trigger', 'callbacks'],
      additionalProperties: false,
      properties: {
        ready: {
          type: 'object',
          required: ['url'],
          additionalProperties: false,
          properties: { url: { type: 'string', pattern: '^https?://' }, timeoutMs: ms },
        },
        trigger: {
          oneOf: [
            {
              type: 'object',
              required: ['url'],
              additionalProperties: false,
              properties: {
                url: { type: 'string', minLength: 1 },
                method: { type: 'string', pattern: '^[A-Za-z]+$' },
                headers: stringMap,
                body: {},
                ids: { type: 'string', pattern: '^(/[^/]*)*$' },
              },
            },
            moduleHook,
          ],
        },
        probe: {
          oneOf: [
            {
              type: 'object',
              required: ['url'],
              additionalProperties: false,
              properties: {
                url: { type: 'string', minLength: 1 },
                headers: stringMap,
                status: { type: 'string', pattern: '^(/[^/]*)*$' },
                map: stringMap,
              },
            },
            moduleHook,
          ],
        },
        callbacks: {
          type: 'object',
          minProperties: 1,
          additionalProperties: {
            type: 'object',
            minProperties: 1,
            additionalProperties: { type: 'string', pattern: '^https?://' },
          },
        },
        concurrency: { type: 'integer', minimum: 1 },
      },
    },
    settings: {
      type: 'object',
      additionalProperties: false,
      properties: {
        callbackDeadlineMs: ms,
        retryWindowMs: ms,
        minRetryDelayMs: ms,
        retryAfterSeconds: { type: 'integer', minimum: 1, maximum: 120 },
        timeoutHoldMs: { type: 'integer', minimum: 1 },
        concurrencyHoldMs: ms,
        robustnessSamples: { type: 'integer', minimum: 1, maximum: 50 },
      },
    },
    timeouts: {
      type: 'object',
      additionalProperties: false,
      properties: { settleMs: ms, graceMs: ms, caseMs: ms, totalMs: ms },
    },
    report: {
      type: 'object',
      additionalProperties: false,
      properties: {
        reporter: {
          anyOf: [
            { enum: [...REPORTER_NAMES] },
            { type: 'array', items: { enum: [...REPORTER_NAMES] }, minItems: 1 },
          ],
        },
        output: {
          anyOf: [
            { type: 'string', minLength: 1 },
            {
              type: 'object',
              propertyNames: { enum: [...REPORTER_NAMES] },
              additionalProperties: { type: 'string', minLength: 1 },
            },
          ],
        },
      },
    },
  },
} as const;
