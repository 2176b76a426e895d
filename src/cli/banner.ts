import type { ProviderSummary } from '../engine/describe-providers.js';
import type { RuleListing } from '../engine/faults/fault-registry.js';

/** Longest line of the short banner; longer ones are cut with `…` (the full listing has them whole). */
export const BANNER_WIDTH = 160;

/** Fault rules the short banner names; the rest are counted. */
const MAX_BANNER_RULES = 3;

const cut = (line: string): string =>
  line.length <= BANNER_WIDTH ? line : `${line.slice(0, BANNER_WIDTH - 1)}…`;

/** One provider in three lines at most: its send route, its sandbox credentials, its callback targets. */
function providerLines(p: ProviderSummary): string[] {
  const [first, ...others] = p.routes;
  const more = others.length > 0 ? ` (+${others.length} more route(s))` : '';
  const lines = [`${p.id.padEnd(20)} ${first ? `${first.method} ${first.url}` : p.baseUrl}${more}`];
  if (first?.credentials) lines.push(`  accepts (${first.auth}): ${first.credentials}`);
  const kinds = Object.entries(p.callbacks);
  const set = kinds.filter(([, targets]) => targets.length > 0);
  lines.push(
    set.length === 0
      ? `  callbacks: none set (--callback-url, or providers.${p.id}.callbacks.<kind>)`
      : `  callbacks: ${kinds.map(([kind, targets]) => `${kind} -> ${targets.join(', ') || '(none)'}`).join('; ')}`,
  );
  return lines.map(cut);
}

/**
 * The start banner, one screen (at most 30 lines): the base URL, each provider's send route with
 * its sandbox credentials and callback targets, the inbox and the admin API. `--verbose` and
 * `provider-sim providers` print every route, note and rule (`formatFullListing`).
 */
export function formatBanner(
  url: string,
  seed: string,
  providers: readonly ProviderSummary[],
  faults: readonly RuleListing[] = [],
): string {
  const lines = [`provider-sim listening on ${url} (seed "${seed}")`, ''];
  for (const p of providers) lines.push(...providerLines(p));
  lines.push('');
  if (faults.length > 0) {
    lines.push('fault rules in force (first that applies wins; all: provider-sim fault list):');
    for (const rule of faults.slice(0, MAX_BANNER_RULES)) {
      lines.push(cut(`  [${rule.source}] ${rule.id}: ${rule.sentence}`));
    }
    if (faults.length > MAX_BANNER_RULES) {
      lines.push(`  ... and ${faults.length - MAX_BANNER_RULES} more`);
    }
  }
  lines.push(`inbox: ${url}/`);
  lines.push(`admin API: ${url}/__admin (health, journal, providers, faults, scenarios, inbound)`);
  lines.push('every route, credential and note: provider-sim providers (or start --verbose)');
  return `${lines.join('\n')}\n`;
}

/** Everything the simulator says about its providers: every route, credential, callback target and note, and the fault rules. */
export function formatFullListing(
  url: string,
  providers: readonly ProviderSummary[],
  faults: readonly RuleListing[] = [],
): string {
  const lines: string[] = [];
  for (const p of providers) {
    lines.push(`${p.id}  ${p.title}`);
    for (const r of p.routes) {
      lines.push(`  ${r.method} ${r.url}`);
      if (r.credentials) lines.push(`    accepts (${r.auth}): ${r.credentials}`);
    }
    for (const [kind, targets] of Object.entries(p.callbacks)) {
      const where =
        targets.length > 0
          ? targets.join(', ')
          : `(none: set --callback-url, or providers.${p.id}.callbacks.${kind} in the config file)`;
      lines.push(`  ${kind} callbacks -> ${where}`);
    }
    for (const note of p.notes) lines.push(`  ${note}`);
    lines.push('');
  }
  if (faults.length > 0) {
    lines.push('fault rules (first that applies wins):');
    for (const rule of faults) lines.push(`  [${rule.source}] ${rule.id}: ${rule.sentence}`);
    lines.push('');
  }
  lines.push(`inbox: ${url}/ (every message as the phone shows it; reply as the customer)`);
  lines.push(
    `admin API: ${url}/__admin/health, ${url}/__admin/journal, ${url}/__admin/providers, ${url}/__admin/faults`,
  );
  return `${lines.join('\n')}\n`;
}
