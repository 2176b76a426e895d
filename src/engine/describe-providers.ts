import { maskSettings } from './journal/mask-settings.js';
import { redactUrl } from './journal/redact.js';
import type { ProviderRuntime } from './provider-runtime.js';
import type { MessageLifecycle } from './lifecycle/message-lifecycle.js';
import type { ProviderCatalog } from './types.js';

/** What a provider without a self-description is listed with. */
const EMPTY_CATALOG: ProviderCatalog = { statuses: [], failureCodes: [], inboundForms: [] };

/** What a user needs to talk to one provider: its URLs, accepted credentials and callback targets. */
export interface ProviderSummary {
  id: string;
  title: string;
  baseUrl: string;
  routes: {
    id: string;
    method: string;
    url: string;
    auth: string | null;
    credentials: string | null;
  }[];
  /** Targets per callback kind (empty when none is configured). */
  callbacks: Record<string, string[]>;
  /** The most requests served at once since start or reset. */
  peakInFlight: number;
  /** The configured cap on requests served at once, if any. */
  maxConcurrent: number | null;
  /** Provider-specific notes (e.g. outcome rules by recipient number). */
  notes: string[];
  /** The provider's statuses, failure codes and inbound message forms. */
  catalog: ProviderCatalog;
}

/**
 * Summaries of the enabled providers, with URLs rooted at `origin` (e.g. `http://127.0.0.1:4010`).
 * Credentials are shown only while they are the provider's published sandbox defaults (anything
 * configured is masked), and callback targets lose their userinfo and secret query parameters.
 */
export function describeProviders(
  providers: readonly ProviderRuntime[],
  lifecycle: MessageLifecycle,
  origin: string,
): ProviderSummary[] {
  return providers.map((p) => describeOne(p, lifecycle, origin));
}

function describeOne(
  p: ProviderRuntime,
  lifecycle: MessageLifecycle,
  origin: string,
): ProviderSummary {
  const shown = maskSettings(p.settings, p.definition.settings.defaults);
  return {
    id: p.definition.id,
    title: p.definition.title,
    baseUrl: `${origin}${p.basePath}`,
    routes: p.routes.map(({ definition: r }) => ({
      id: r.id,
      method: r.method,
      url: `${origin}${p.basePath}${r.path}`,
      auth: r.auth?.type ?? null,
      credentials: r.auth?.describe(shown) ?? null,
    })),
    callbacks: Object.fromEntries(
      Object.keys(p.definition.callbacks).map((kind) => [
        kind,
        lifecycle.targetsFor(p, kind).map((target) => redactUrl(target)),
      ]),
    ),
    peakInFlight: p.state.peakInFlight,
    maxConcurrent: p.config.maxConcurrent ?? null,
    notes: p.definition.describe?.(shown) ?? [],
    catalog: p.definition.catalog ?? EMPTY_CATALOG,
  };
}
