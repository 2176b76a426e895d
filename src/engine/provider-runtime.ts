import { deepMerge } from './deep-merge.js';
import {
  DEFAULT_PROVIDER_CONFIG,
  type EngineConfig,
  type FaultsConfig,
  type ProviderConfig,
} from './engine-config.js';
import { configError } from './validation/config-error.js';
import {
  DEFAULT_RETRY_POLICY,
  effectiveRetryPolicy,
  type RetryPolicy,
} from './dispatcher/retry-policy.js';
import { REQUIRED_ERROR_KINDS, SimError } from './errors.js';
import type { RuleSpec } from './faults/scenario.js';
import { compilePath, type CompiledPath } from './routing/route-matcher.js';
import { systemClock, type Clock } from './clock.js';
import { BoundedMemoryStore } from './stores/memory/bounded-memory-store.js';
import type { ProviderStore } from './stores/provider-store.js';
import type { AnyProviderDefinition, ProviderDefinition, RouteDefinition } from './types.js';
import { createAjv } from './validation/create-ajv.js';

/** A route ready to match. */
export interface RouteRuntime<S = unknown> {
  definition: RouteDefinition<S>;
  compiled: CompiledPath;
}

/** A provider definition joined with its resolved configuration. */
export interface ProviderRuntime<S = unknown> {
  definition: ProviderDefinition<S>;
  /** `/<id>`: every route of the provider lives below it. */
  basePath: string;
  config: ProviderConfig;
  /** The provider's own settings: its defaults with the config's `settings` merged over them. */
  settings: S;
  routes: RouteRuntime<S>[];
  retryPolicy: RetryPolicy;
  /** Lower-cased body keys and header names redacted in the journal, beyond the generic ones. */
  secretFields: ReadonlySet<string>;
  /** What changes while serving; emptied on reset. */
  state: ProviderState;
}

/** A provider's mutable serving state. */
export interface ProviderState {
  /** The most requests served at once since start or reset (requests in flight are counters). */
  peakInFlight: number;
  /** The provider's own key-value state (`ProviderContext.store`), bounded. */
  store: ProviderStore;
}

const settingsAjv = createAjv({ strict: false });

/** Checks the definition is complete and the configured settings are valid; throws a SimError if not. */
export function createProviderRuntime<S>(
  definition: ProviderDefinition<S>,
  config: EngineConfig,
  clock: Clock = systemClock,
): ProviderRuntime<S> {
  if (definition.basePath !== undefined && !/^\/[a-z0-9][a-z0-9-]*$/.test(definition.basePath)) {
    throw new Error(
      `provider ${definition.id}: basePath must be one lower-case path segment such as "/sinch"`,
    );
  }
  const missing = REQUIRED_ERROR_KINDS.filter((kind) => !definition.errors[kind]);
  if (missing.length > 0) {
    throw new Error(`provider ${definition.id}: error catalog lacks ${missing.join(', ')}`);
  }
  const raw = config.providers[definition.id] ?? {};
  const providerConfig = deepMerge<ProviderConfig>(
    { ...DEFAULT_PROVIDER_CONFIG, settings: {} },
    raw,
  );
  const settings = deepMerge(
    definition.settings.defaults,
    providerConfig.settings,
    new Set(definition.settings.replaceWhole ?? []),
  );
  const validate = settingsAjv.compile(definition.settings.schema);
  if (!validate(settings)) {
    throw configError(validate.errors![0]!, settings, `/providers/${definition.id}/settings`);
  }
  const secretFields = new Set<string>();
  for (const route of definition.routes) {
    for (const field of route.auth?.secretFields ?? []) secretFields.add(field.toLowerCase());
  }
  return {
    definition,
    basePath: definition.basePath ?? `/${definition.id}`,
    config: providerConfig,
    settings,
    routes: definition.routes.map((route) => ({
      definition: route,
      compiled: compilePath(route.path),
    })),
    retryPolicy: effectiveRetryPolicy(
      DEFAULT_RETRY_POLICY,
      definition.callbackRetry,
      config.callbacks.retry,
      providerConfig.retry,
    ),
    secretFields,
    state: {
      peakInFlight: 0,
      store: new BoundedMemoryStore(clock, {
        maxKeys: config.state.maxKeysPerProvider,
        ttlMs: config.state.ttlMs,
      }),
    },
  };
}

/** The enabled providers of `definitions`; throws when config names an unknown one or two share a base path. */
export function createProviderRuntimes(
  definitions: readonly AnyProviderDefinition[],
  config: EngineConfig,
  clock: Clock,
): ProviderRuntime[] {
  const providers = definitions
    .map((d) => createProviderRuntime(d, config, clock))
    .filter((p) => p.config.enabled);
  for (const id of Object.keys(config.providers)) {
    if (!definitions.some((d) => d.id === id)) {
      throw new SimError(
        'invalid-config',
        `/providers/${id}`,
        `config /providers/${id}: unknown provider; known: ${definitions.map((d) => d.id).join(', ')}`,
      );
    }
  }
  if (new Set(providers.map((p) => p.basePath)).size !== providers.length) {
    throw new Error('two providers share a base path');
  }
  return providers;
}

/** Config's simple faults as rules: latency goes on to later rules, an error rate answers. */
function specsFor(
  provider: ProviderRuntime,
  faults: FaultsConfig,
  pointer: string,
  idPrefix: string,
): RuleSpec[] {
  const providerId = provider.definition.id;
  const kind = faults.errorRate?.error;
  if (kind !== undefined && !provider.definition.errors[kind]) {
    const known = Object.keys(provider.definition.errors).join(', ');
    throw new SimError(
      'invalid-config',
      `${pointer}/errorRate/error`,
      `config ${pointer}/errorRate/error: ${providerId} has no error "${kind}"; known: ${known}`,
      {
        expected: `one of ${known}`,
        actual: kind,
      },
    );
  }
  const specs: RuleSpec[] = [];
  if (faults.latency) {
    specs.push({
      id: `${idPrefix}latency`,
      match: { provider: providerId },
      then: { latency: faults.latency },
      continue: true,
    });
  }
  if (faults.errorRate && faults.errorRate.rate > 0) {
    specs.push({
      id: `${idPrefix}error-rate`,
      match: { provider: providerId, probability: faults.errorRate.rate },
      then: { error: faults.errorRate.error },
    });
  }
  return specs;
}

/** The fault rules config asks for: the global faults, then each provider's own. */
export function configFaultSpecs(
  providers: readonly ProviderRuntime[],
  config: EngineConfig,
): RuleSpec[] {
  return providers.flatMap((p) => [
    ...specsFor(p, config.faults, '/faults', `global-${p.definition.id}-`),
    ...specsFor(p, p.config.faults, `/providers/${p.definition.id}/faults`, `${p.definition.id}-`),
  ]);
}
