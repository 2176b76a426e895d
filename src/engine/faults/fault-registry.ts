import type { Clock } from '../clock.js';
import { SimError } from '../errors.js';
import type { ProviderRuntime } from '../provider-runtime.js';
import type { Random } from '../random.js';
import type { SchemaRegistry } from '../validation/schema-registry.js';
import { compileRule, parseDuration } from './compile-rule.js';
import { explainRule, type FaultRule } from './rule.js';
import type { RuleSpec, ScenarioSpec } from './scenario.js';

/** A rule as listed by the admin API and the CLI. */
export interface RuleListing {
  id: string;
  source: string;
  description?: string;
  /** The rule in one sentence. */
  sentence: string;
  /** The rule as written (round-trips through POST /__admin/faults). */
  rule: RuleSpec;
  /** Requests that met the conditions, and times the action was applied. */
  counters: { seen: number; applied: number };
  /** When the rule was loaded (or the simulator last reset), ISO 8601 on the injected clock. */
  loadedAt: string;
  /** The rule's `after` / `until` as absolute ISO 8601 times, when it has either. */
  window?: { from: string; until?: string };
}

interface Entry {
  id: string;
  source: string;
  spec: RuleSpec;
  rule: FaultRule;
  /** Epoch ms (injected clock) the rule was loaded: its window counts from here. */
  loadedAt: number;
}

/** A scenario or admin rule as replicas share it. */
export interface SharedRuleEntry {
  id: string;
  source: string;
  spec: RuleSpec;
  /** Epoch ms the rule was loaded: its window counts from here on every replica. */
  loadedAt: number;
}

/** What the registry needs from the simulator. */
export interface FaultRegistryDeps {
  providers: readonly ProviderRuntime[];
  clock: Clock;
  schemas: SchemaRegistry;
  /** The faults random stream (restarted in place on reset). */
  random: Random;
}

/**
 * The live fault rules: from config (tried last), scenarios and the admin API (tried first, in the
 * order added). Every change is checked whole before it applies, so a bad rule leaves the running
 * rules as they were.
 */
export class FaultRegistry {
  private configEntries: Entry[] = [];
  private entries: Entry[] = [];
  private active: FaultRule[] = [];
  private counter = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: FaultRegistryDeps) {}

  /** Calls `listener` after every change made here (not after `importShared`). */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** The scenario and admin rules as plain data, for replicas to share. */
  exportShared(): SharedRuleEntry[] {
    return this.entries.map(({ id, source, spec, loadedAt }) => ({ id, source, spec, loadedAt }));
  }

  /** Replaces the scenario and admin rules with another replica's (ids and windows kept). */
  importShared(shared: readonly SharedRuleEntry[]): void {
    this.entries = shared.map((entry, i) => ({
      ...this.compile(entry.spec, entry.id, entry.source, `/${i}`, entry.loadedAt),
    }));
    this.rebuild();
  }

  /** Rules in the order they are tried. */
  rules(): readonly FaultRule[] {
    return this.active;
  }

  private compile(
    spec: RuleSpec,
    id: string,
    source: string,
    at: string,
    loadedAt = this.deps.clock.now(),
  ): Entry {
    const random = this.deps.random.fork(`rule:${id}`);
    return {
      id,
      source,
      spec,
      loadedAt,
      rule: compileRule(
        spec,
        id,
        source,
        { providers: this.deps.providers, clock: this.deps.clock, random, loadedAt },
        at,
      ),
    };
  }

  private rebuild(): void {
    this.active = [...this.entries, ...this.configEntries].map((e) => e.rule);
  }

  /** Throws a SimError naming the first field of `value` that breaks the scenario schema. */
  private checkShape(value: unknown, rewrite: (pointer: string) => string = (p) => p): void {
    const first = this.deps.schemas.validate('scenario', value)[0];
    if (!first) return;
    const pointer = rewrite(first.pointer);
    const said = first.message.startsWith(first.pointer)
      ? first.message.slice(first.pointer.length)
      : ` ${first.message}`;
    throw new SimError(
      'invalid-fault-rule',
      pointer || '/',
      `${pointer || '/'}:${said.replace(/^ body/, '')}`,
    );
  }

  private nextId(source: string): string {
    return `${source.replace(/^scenario:/, '')}-${++this.counter}`;
  }

  /** Sets the rules that come from config (they are tried after every other rule). */
  setConfigRules(specs: readonly RuleSpec[]): void {
    this.configEntries = specs.map((spec, i) =>
      this.compile(spec, spec.id ?? `config-${i + 1}`, 'config', `/faults/${i}`),
    );
    this.rebuild();
  }

  /** Checks and adds rules (admin API); returns their listings. */
  addRules(specs: unknown): RuleListing[] {
    const list = Array.isArray(specs) ? (specs as unknown[]) : [specs];
    this.checkShape({ name: 'admin', rules: list }, (pointer) => pointer.replace(/^\/rules/, ''));
    const taken = new Set(this.entries.map((e) => e.id));
    const added = (list as RuleSpec[]).map((spec, i) => {
      const id = spec.id ?? this.nextId('admin');
      if (taken.has(id))
        throw new SimError(
          'duplicate-rule-id',
          `/${i}/id`,
          `/${i}/id: a rule "${id}" already exists`,
        );
      taken.add(id);
      return this.compile(spec, id, 'admin', `/${i}`);
    });
    this.entries.push(...added);
    this.rebuild();
    this.changed();
    return added.map((e) => this.listing(e));
  }

  /** Checks and loads a scenario, replacing a loaded scenario of the same name. */
  loadScenario(document: unknown): { name: string; rules: RuleListing[] } {
    this.checkShape(document);
    const scenario = document as ScenarioSpec;
    const source = `scenario:${scenario.name}`;
    const compiled = scenario.rules.map((spec, i) =>
      this.compile(spec, spec.id ?? `${scenario.name}-${i + 1}`, source, `/rules/${i}`),
    );
    const kept = this.entries.filter((e) => e.source !== source);
    const clash = compiled.find((c) => kept.some((e) => e.id === c.id));
    if (clash)
      throw new SimError(
        'duplicate-rule-id',
        '/rules',
        `/rules: a rule "${clash.id}" already exists in another scenario`,
      );
    this.entries = [...kept, ...compiled];
    this.rebuild();
    this.changed();
    return { name: scenario.name, rules: compiled.map((e) => this.listing(e)) };
  }

  /** Removes one rule by id (not config rules); false when there is none. */
  remove(id: string): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.id !== id);
    this.rebuild();
    if (this.entries.length < before) this.changed();
    return this.entries.length < before;
  }

  /** Removes every scenario and admin rule (or those of one scenario); returns how many. */
  clear(scenario?: string): number {
    const before = this.entries.length;
    this.entries =
      scenario === undefined ? [] : this.entries.filter((e) => e.source !== `scenario:${scenario}`);
    this.rebuild();
    if (this.entries.length < before) this.changed();
    return before - this.entries.length;
  }

  /** Names of the loaded scenarios. */
  scenarios(): string[] {
    return [
      ...new Set(
        this.entries.filter((e) => e.source.startsWith('scenario:')).map((e) => e.source.slice(9)),
      ),
    ];
  }

  /** Every rule in the order tried. */
  list(): RuleListing[] {
    return [...this.entries, ...this.configEntries].map((e) => this.listing(e));
  }

  /** Recompiles every rule: fresh counters, buckets and random streams (after the seed restarts). */
  reset(): void {
    this.entries = this.entries.map((e, i) => this.compile(e.spec, e.id, e.source, `/${i}`));
    this.configEntries = this.configEntries.map((e, i) =>
      this.compile(e.spec, e.id, e.source, `/faults/${i}`),
    );
    this.rebuild();
  }

  private listing(entry: Entry): RuleListing {
    return {
      id: entry.id,
      source: entry.source,
      ...(entry.spec.description !== undefined && { description: entry.spec.description }),
      sentence: explainRule(entry.rule),
      rule: entry.spec,
      counters: { ...entry.rule.counters },
      loadedAt: new Date(entry.loadedAt).toISOString(),
      ...windowOf(entry),
    };
  }
}

/** The rule's time window in absolute time, counted from its loading. */
function windowOf(entry: Entry): Pick<RuleListing, 'window'> {
  const { after, until } = entry.spec.match ?? {};
  if (after === undefined && until === undefined) return {};
  const at = (duration: string | number): string =>
    new Date(entry.loadedAt + parseDuration(duration)).toISOString();
  return {
    window: {
      from: after !== undefined ? at(after) : new Date(entry.loadedAt).toISOString(),
      ...(until !== undefined && { until: at(until) }),
    },
  };
}
