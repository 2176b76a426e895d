import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import {
  createSimulator,
  SchemaRegistry,
  type AnyProviderDefinition,
  type JournalQuery,
  type ServeEvent,
  type ShutdownReport,
  type SimConfigInput,
  type Simulator,
  type SimulatorServices,
  type SubEvent,
} from '../../src/index.js';
import { startCallbackSink, type CallbackSink } from './callback-sink.js';

/** An HTTP answer with its body parsed as JSON when it is JSON (the raw text otherwise). */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  // Tests reach into provider bodies of many shapes; each asserts the shape it expects.

  body: any;
}

/** A request to the simulator: `body` is sent as JSON unless it is already a string or a Blob. */
export interface HttpRequest {
  method?: string;
  body?: unknown;
  /** Headers to send; an `undefined` value leaves that header out. */
  headers?: Record<string, string | undefined>;
  /** Sets `content-type: application/json` when a body is given (default true). */
  json?: boolean;
}

/** How a file's simulators are built. */
export interface SimHarnessOptions {
  /** The provider definitions served. */
  providers: readonly AnyProviderDefinition[];
  /**
   * The config every start begins from (port 0 and a silent log are always set); a function gets
   * the sink, to name it as a callback target.
   */
  config?: SimConfigInput | ((sink: CallbackSink) => SimConfigInput);
  /** One registry for the whole file, so its schemas compile once. */
  schemas?: SchemaRegistry;
  /**
   * `test` (default): a fresh sink per test, so a callback still in flight when a test ends cannot
   * land in the next one. `file`: one sink and the simulator of the last start shared by the file.
   */
  scope?: 'test' | 'file';
}

/** One file's simulator with its callback sink, request helpers and journal waits. */
export interface SimHarness {
  /** The simulator of the latest start. */
  readonly sim: Simulator;
  /** Its base URL. */
  readonly url: string;
  /** The gateway stand-in that receives callbacks. */
  readonly sink: CallbackSink;
  readonly schemas: SchemaRegistry;
  /**
   * Starts a simulator with `config` merged over the file's (closing the previous one), serving
   * `providers` when given instead of the file's.
   */
  start(
    config?: SimConfigInput,
    services?: SimulatorServices,
    providers?: readonly AnyProviderDefinition[],
  ): Promise<Simulator>;
  /** Sends a request to `path` on the simulator. */
  request(path: string, request?: HttpRequest): Promise<HttpAnswer>;
  /** POSTs `body` to `path`. */
  post(
    path: string,
    body: unknown,
    headers?: Record<string, string | undefined>,
  ): Promise<HttpAnswer>;
  /** Injects a customer's message through `POST /__admin/inbound`. */
  inbound(input: Record<string, unknown>): Promise<HttpAnswer>;
  /** Journal entries matching `query`, oldest first. */
  entries(query?: JournalQuery): Promise<ServeEvent[]>;
  /** Sub-events of `type` on the entries matching `query`, in entry order. */
  subEvents(type: string, query?: JournalQuery): Promise<SubEvent[]>;
  /** Resolves with `probe`'s first defined value, probing every few milliseconds (rejects after `timeoutMs`). */
  until<T>(
    what: string,
    probe: () => T | undefined | Promise<T | undefined>,
    timeoutMs?: number,
  ): Promise<T>;
  /** Waits until at least `count` sub-events of `type` are journaled, and returns them all. */
  waitForSubEvents(type: string, count: number, query?: JournalQuery): Promise<SubEvent[]>;
  /**
   * Closes the simulator with a drain: every scheduled step, callback window and retry runs now and
   * its callback is answered before this resolves. Whatever has not reached the sink afterwards
   * never will, so a test asserts absence after this instead of sleeping.
   */
  drain(): Promise<ShutdownReport>;
  /** Closes the simulator (without draining) and the sink. */
  stop(): Promise<void>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Merges `over` onto `base`: objects key by key, anything else replaces; an explicit `undefined`
 * removes the key, so a test can take out something the file's config sets (a callback URL).
 */
export function mergeConfig<T>(base: T, over: unknown): T {
  if (!isObject(base) || !isObject(over)) return (over === undefined ? base : over) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) delete out[key];
    else out[key] = mergeConfig(out[key], value);
  }
  return out as T;
}

/** Parses a body as JSON when it is JSON, keeping the text otherwise (an empty body is undefined). */
function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Sends `request` to `url` and reads the whole answer. */
export async function requestJson(url: string, request: HttpRequest = {}): Promise<HttpAnswer> {
  const { method = request.body === undefined ? 'GET' : 'POST', body, json = true } = request;
  const headers = Object.fromEntries(
    Object.entries({
      ...(body !== undefined && json && { 'content-type': 'application/json' }),
      ...request.headers,
    }).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const payload =
    body === undefined || typeof body === 'string' || body instanceof Blob
      ? body
      : JSON.stringify(body);
  const response = await fetch(url, {
    method,
    headers,
    ...(payload !== undefined && { body: payload }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: parseBody(await response.text()),
  };
}

/** How often a wait looks at the journal again when nothing told it to. */
const PROBE_INTERVAL_MS = 10;

/**
 * Builds the harness and registers its hooks: a sink before each test (or once per file), and a
 * stop after. Call it at the top level of a test file (or of a describe block).
 */
export function useSimHarness(options: SimHarnessOptions): SimHarness {
  const schemas = options.schemas ?? new SchemaRegistry();
  const scope = options.scope ?? 'test';
  let sink: CallbackSink | undefined;
  let sim: Simulator | undefined;
  let url: string | undefined;
  let open = false;

  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: call start() first`);
    return value;
  };

  const closeSim = async (): Promise<void> => {
    if (sim && open) {
      open = false;
      await sim.close({ drain: false });
    }
  };

  const harness: SimHarness = {
    get sim() {
      return required(sim, 'the simulator');
    },
    get url() {
      return required(url, 'the simulator');
    },
    get sink() {
      return required(sink, 'the callback sink');
    },
    schemas,
    async start(config = {}, services = {}, providers = options.providers) {
      await closeSim();
      const fileConfig =
        typeof options.config === 'function' ? options.config(harness.sink) : options.config;
      const quiet: SimConfigInput = { port: 0, log: { level: 'silent' } };
      const merged = mergeConfig(mergeConfig(quiet, fileConfig ?? {}), config);
      sim = createSimulator(merged, providers, { schemas, ...services });
      url = await sim.listen();
      open = true;
      return sim;
    },
    request: (path, request) => requestJson(`${harness.url}${path}`, request),
    post: (path, body, headers) => requestJson(`${harness.url}${path}`, { body, headers }),
    inbound: (input) => requestJson(`${harness.url}/__admin/inbound`, { body: input }),
    entries: (query) => Promise.resolve(harness.sim.journal.list(query)),
    async subEvents(type, query) {
      return (await harness.entries(query)).flatMap((e) =>
        e.subEvents.filter((s) => s.type === type),
      );
    },
    async until(what, probe, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
      }
    },
    async waitForSubEvents(type, count, query) {
      return harness.until(`${count} ${type} sub-event(s)`, async () => {
        const found = await harness.subEvents(type, query);
        return found.length >= count ? found : undefined;
      });
    },
    async drain() {
      const current = required(sim, 'the simulator');
      if (!open) throw new Error('the simulator is already closed');
      open = false;
      return current.close({ drain: true });
    },
    async stop() {
      await closeSim();
      await sink?.close();
      sink = undefined;
    },
  };

  const openSink = async (): Promise<void> => {
    sink = await startCallbackSink();
  };
  if (scope === 'test') {
    beforeEach(openSink);
    afterEach(() => harness.stop());
  } else {
    beforeAll(openSink);
    afterAll(() => harness.stop());
  }
  return harness;
}
