/**
 * Common cases about the callbacks a gateway takes: every status and inbound type acknowledged in
 * time, repeats harmless, late reports never moving a status back, undocumented keys ignored, and
 * schema-generated callbacks (every optional field, extra keys, unicode, longest values) all taken.
 */
import {
  expectAcknowledged,
  expectStatus,
  expectStatusStays,
  fireBuiltCallback,
} from '../src/contracts/callback-checks.js';
import {
  CallbackSampler,
  SAMPLE_VARIANTS,
  type SchemaSource,
} from '../src/contracts/callback-samples.js';
import { withExtraKeys } from '../src/contracts/extra-keys.js';
import { subjectOf } from '../src/contracts/journal-entry.js';
import type {
  CallbackVariant,
  GeneratedCallback,
  ProviderContractDescriptor,
  SentMessage,
} from '../src/contracts/provider-descriptor.js';
import { sendTracked } from '../src/contracts/sent-messages.js';
import type { CaseContext, ContractCase } from '../src/contracts/types.js';
import { WaitTimeoutError } from '../src/contracts/wait-for.js';
import { SchemaRegistry } from '../src/engine/validation/schema-registry.js';
import type { ServeEvent, SubEvent } from '../src/index.js';

let packageSchemas: SchemaRegistry | undefined;

/** Where generated samples come from: the simulator's schemas, else the package's own. */
function schemaSource(ctx: CaseContext): SchemaSource {
  const { schemas } = ctx.simulator;
  if (schemas.document)
    return {
      document: (id) => schemas.document!(id),
      validate: (id, v) => schemas.validate(id, v),
    };
  packageSchemas ??= new SchemaRegistry();
  return packageSchemas;
}

/** The simulator's own callback attempts for `entry` that went to one of `targets`. */
function attemptsTo(entry: ServeEvent, targets: ReadonlySet<string>): SubEvent[] {
  return entry.subEvents.filter(
    (s) => s.type === 'callback-attempt' && targets.has(String(s.target)),
  );
}

/**
 * Waits until the simulator's first callback about each message of `sent` was answered (or skipped
 * for want of a target); resolves to the journal entry as it then is.
 */
async function settled(
  ctx: CaseContext,
  d: ProviderContractDescriptor,
  sent: SentMessage,
): Promise<ServeEvent | undefined> {
  try {
    return await ctx.waitFor(`the simulator's callbacks for ${subjectOf(sent.entry)}`, async () => {
      const entry = (await ctx.requests({ provider: d.provider })).find(
        (e) => e.id === sent.entry.id,
      );
      if (!entry) return undefined;
      const first = entry.subEvents.filter(
        (s) => (s.type === 'callback-attempt' && s.attempt === 1) || s.type === 'callback-skipped',
      );
      return first.length >= entry.messages.length ? entry : undefined;
    });
  } catch (error) {
    // No callback in time (a long lifecycle delay): nothing of the simulator's to judge.
    if (error instanceof WaitTimeoutError) return undefined;
    throw error;
  }
}

/** Every callback variant (each DLR status, inbound type and event) is acknowledged with 2xx in time. */
function callbacksAcknowledged(d: ProviderContractDescriptor): ContractCase {
  const names = d.callbacks.map((v) => v.name).join(', ');
  return {
    id: `${d.provider}-callbacks-acknowledged`,
    provider: d.provider,
    title: `acknowledges every ${d.provider} callback (${names}) with 2xx within the deadline, the simulator's own included (with a probe, the status follows)`,
    requires: ['faults'],
    async run(ctx) {
      const deadline = ctx.settings.callbackDeadlineMs;
      const loud = await sendTracked(ctx, d, { quiet: false });
      const targets = new Set(d.callbacks.map((v) => ctx.gateway.callbackUrl(d.provider, v.kind)));
      const entry = await settled(ctx, d, loud);
      for (const attempt of entry ? attemptsTo(entry, targets) : []) {
        const status = typeof attempt.status === 'number' ? attempt.status : undefined;
        const duration = typeof attempt.durationMs === 'number' ? attempt.durationMs : 0;
        if (status !== undefined && status >= 200 && status < 300 && duration <= deadline) continue;
        ctx.fail({
          message:
            status === undefined
              ? `the gateway did not answer the simulator's ${String(attempt.kind)} callback (${typeof attempt.error === 'string' ? attempt.error : 'no answer'})`
              : status < 200 || status >= 300
                ? `the gateway answered ${status} to the simulator's ${String(attempt.kind)} callback; expected 2xx`
                : `the gateway took ${duration} ms to answer the simulator's ${String(attempt.kind)} callback; the deadline is ${deadline} ms`,
          pointer: '',
          value: { status, durationMs: duration, answer: attempt.answer },
          subject: `simulator callback (attempt ${String(attempt.attempt)}) for ${subjectOf(loud.entry)}`,
          rule: `acknowledge callbacks with 2xx within ${deadline} ms`,
        });
      }
      const messages: SentMessage[] = [];
      for (let i = 0; i < d.callbacks.length; i++) messages.push(await sendTracked(ctx, d));
      // One message per variant, fired together as a provider's callbacks arrive.
      const fired = await Promise.all(
        d.callbacks.map((variant, i) =>
          fireBuiltCallback(ctx, d, {
            kind: variant.kind,
            schema: variant.schema,
            what: `a ${variant.name} ${variant.type === 'inbound' ? 'inbound message' : variant.type === 'status' ? 'status callback' : 'event callback'}`,
            ...variant.build(messages[i]!, Date.now()),
          }),
        ),
      );
      for (const [i, variant] of d.callbacks.entries()) {
        if (expectAcknowledged(ctx, fired[i]!) && ctx.gateway.status && variant.expectStatus) {
          await expectStatus(
            ctx,
            messages[i]!.id,
            variant.expectStatus,
            `after a ${variant.name} callback`,
          );
        }
      }
    },
  };
}

/** The same callback twice: both acknowledged, the second changes nothing. */
function duplicateCallback(d: ProviderContractDescriptor, variant: CallbackVariant): ContractCase {
  return {
    id: `${d.provider}-duplicate-callback`,
    provider: d.provider,
    title: `acknowledges a repeated ${d.provider} ${variant.name} callback with 2xx both times (with a probe, the status stays)`,
    requires: ['faults'],
    async run(ctx) {
      const sent = await sendTracked(ctx, d);
      const built = variant.build(sent, Date.now());
      const fire = (what: string): ReturnType<typeof fireBuiltCallback> =>
        fireBuiltCallback(ctx, d, { kind: variant.kind, schema: variant.schema, what, ...built });
      const first = expectAcknowledged(ctx, await fire(`a ${variant.name} callback`));
      if (first && ctx.gateway.status && variant.expectStatus) {
        await expectStatus(ctx, sent.id, variant.expectStatus, `after a ${variant.name} callback`);
      }
      const before = await ctx.gateway.status?.(sent.id);
      expectAcknowledged(ctx, await fire(`the same ${variant.name} callback again`));
      if (ctx.gateway.status) await expectStatusStays(ctx, sent.id, before, 'a repeated callback');
    },
  };
}

/** Status callbacks arriving newest first: the newest status stands. */
function outOfOrderCallbacks(
  d: ProviderContractDescriptor,
  orders: NonNullable<ProviderContractDescriptor['outOfOrder']>,
): ContractCase {
  const byName = new Map(d.callbacks.map((v) => [v.name, v]));
  for (const order of orders) {
    for (const name of order.sequence) {
      if (!byName.has(name)) {
        throw new Error(
          `${d.provider} descriptor: outOfOrder names callback "${name}"; known: ${[...byName.keys()].join(', ')}`,
        );
      }
    }
  }
  const described = orders.map((o) => `${o.sequence.join(' then ')} keeps ${o.expect}`).join('; ');
  return {
    id: `${d.provider}-out-of-order-callbacks`,
    provider: d.provider,
    title: `never moves a ${d.provider} message's status back when callbacks arrive out of order (${described})`,
    requires: ['faults', 'status-probe'],
    async run(ctx) {
      for (const order of orders) {
        const sent = await sendTracked(ctx, d);
        const now = Date.now();
        for (const [i, name] of order.sequence.entries()) {
          const variant = byName.get(name)!;
          // Each later callback reports an earlier moment: it is late, not news.
          const fired = await fireBuiltCallback(ctx, d, {
            kind: variant.kind,
            schema: variant.schema,
            what: `a late ${variant.name} callback`,
            ...variant.build(sent, now - i * 1000),
          });
          expectAcknowledged(ctx, fired);
          if (i === 0) await expectStatus(ctx, sent.id, order.expect, `after a ${name} callback`);
        }
        await expectStatusStays(
          ctx,
          sent.id,
          order.expect,
          `${order.sequence.slice(1).join(' and ')} after ${order.sequence[0]}`,
        );
      }
    },
  };
}

/** Callbacks with undocumented keys, where the schema allows them, are acknowledged. */
function callbackExtraKeys(d: ProviderContractDescriptor): ContractCase {
  const kinds = [...new Set(d.callbacks.map((v) => v.kind))];
  const variants = kinds.map((k) => d.callbacks.find((v) => v.kind === k)!);
  return {
    id: `${d.provider}-callback-extra-keys`,
    provider: d.provider,
    title: `acknowledges ${d.provider} callbacks (${kinds.join(', ')}) that carry undocumented keys wherever the schema allows them`,
    requires: ['faults'],
    async run(ctx) {
      for (const variant of variants) {
        const sent = await sendTracked(ctx, d);
        const built = variant.build(sent, Date.now());
        const { document, added } = withExtraKeys(
          built.body,
          (value) => ctx.simulator.schemas.validate(variant.schema, value).length === 0,
        );
        if (added === 0) continue;
        const fired = await fireBuiltCallback(ctx, d, {
          kind: variant.kind,
          schema: variant.schema,
          what: `a ${variant.name} callback with undocumented keys in ${added} object(s)`,
          ...built,
          body: document,
        });
        if (expectAcknowledged(ctx, fired) && ctx.gateway.status && variant.expectStatus) {
          await expectStatus(
            ctx,
            sent.id,
            variant.expectStatus,
            `after a ${variant.name} callback with extra keys`,
          );
        }
      }
    },
  };
}

/** Schema-generated callbacks, stretched every way the schema allows, are all acknowledged. */
function robustCallbacks(
  d: ProviderContractDescriptor,
  generated: readonly GeneratedCallback[],
): ContractCase {
  return {
    id: `${d.provider}-robust-callbacks`,
    provider: d.provider,
    title: `acknowledges seeded, schema-generated ${d.provider} callbacks (${generated.map((g) => g.schema).join(', ')}): every optional field, extra keys, unicode, longest values`,
    requires: ['faults'],
    async run(ctx) {
      const sampler = new CallbackSampler(schemaSource(ctx), `${ctx.settings.seed}:${d.provider}`);
      // Drawn in a fixed order (same seed, same callbacks), then fired together, as a provider
      // posts callbacks concurrently.
      const planned: { callback: GeneratedCallback; what: string; body: unknown }[] = [];
      for (const callback of generated) {
        for (const variant of SAMPLE_VARIANTS) {
          const sent = await sendTracked(ctx, d);
          const at = Date.now();
          for (let i = 0; i < ctx.settings.robustnessSamples; i++) {
            const sample = await sampler.sample(callback.schema, variant);
            planned.push({
              callback,
              what: `a generated ${variant} ${callback.kind} callback (sample ${i + 1}, seed "${ctx.settings.seed}")`,
              body: callback.bind(sample, sent, at + i * 1000),
            });
          }
        }
      }
      const fired = await Promise.all(
        planned.map(({ callback, what, body }) =>
          fireBuiltCallback(ctx, d, { kind: callback.kind, schema: callback.schema, what, body }),
        ),
      );
      fired.forEach((outcome, i) => {
        if (expectAcknowledged(ctx, outcome)) return;
        const { callback, what, body } = planned[i]!;
        ctx.fail({
          message: `the callback the gateway did not acknowledge: ${what}`,
          pointer: '',
          value: body,
          subject: `generated ${callback.schema}`,
          rule: `acknowledge every valid ${callback.schema}`,
        });
      });
    },
  };
}

/** The callback-side common cases a descriptor supports, in the order they run. */
export function commonCallbackCases(d: ProviderContractDescriptor): ContractCase[] {
  const repeatable = d.callbacks.find((v) => v.type === 'status' && v.expectStatus !== undefined);
  return [
    callbacksAcknowledged(d),
    ...(repeatable ? [duplicateCallback(d, repeatable)] : []),
    ...(d.outOfOrder?.length ? [outOfOrderCallbacks(d, d.outOfOrder)] : []),
    callbackExtraKeys(d),
    ...(d.generated?.length ? [robustCallbacks(d, d.generated)] : []),
  ];
}
