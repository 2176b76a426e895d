import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deepMerge } from '../../src/config/deep-merge.js';
import type { SimConfigInput } from '../../src/config/sim-config.js';
import { createSimulator, type Simulator } from '../../src/app/create-simulator.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import { startCallbackSink, type CallbackSink } from '../../test/support/callback-sink.js';
import { sinchSmsRest } from './index.js';

const schemas = new SchemaRegistry();
const BASE = '/sinch-sms-rest/eu/xms/v1/sandbox-plan';
let sink: CallbackSink;
let sim: Simulator;
let url: string;

async function start(config: SimConfigInput = {}): Promise<void> {
  const base: SimConfigInput = {
    port: 0,
    log: { level: 'silent' },
    callbackUrl: sink.url,
    providers: {
      'sinch-sms-rest': {
        settings: { dispatchDelayMs: { min: 1, max: 3 }, finalDelayMs: { min: 5, max: 15 } },
      },
    },
  };
  sim = createSimulator(deepMerge(base, config), [sinchSmsRest], { schemas });
  url = await sim.listen();
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  token = 'sandbox-token',
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const batch = (fields: Record<string, unknown> = {}) => ({
  from: '12345',
  to: ['46700000001'],
  body: 'Hello',
  ...fields,
});

beforeEach(async () => {
  sink = await startCallbackSink();
});
afterEach(async () => {
  await sim.close({ drain: false });
  await sink.close();
});

describe('Sinch SMS REST batches', () => {
  it('answers a batch with 201: the request echoed plus id, created_at, modified_at and canceled', async () => {
    await start();
    const result = await call('POST', '/batches', batch({ client_reference: 'order-42' }));
    expect(result.status).toBe(201);
    expect(schemas.validate('sinch-sms-rest/batch-response', result.body)).toEqual([]);
    expect(result.body).toMatchObject({
      to: ['46700000001'],
      from: '12345',
      body: 'Hello',
      type: 'mt_text',
      delivery_report: 'none',
      client_reference: 'order-42',
      canceled: false,
    });
    expect(result.body.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(result.body.created_at).toBe(result.body.modified_at);
  });

  it('rejects a wrong API token with 401 and the error body', async () => {
    await start();
    const result = await call('POST', '/batches', batch(), 'wrong');
    expect(result.status).toBe(401);
    expect(result.body.code).toBe('unauthorized');
    expect(schemas.validate('sinch-sms-rest/error', result.body)).toEqual([]);
  });

  it.each([
    ['not JSON', '{"to":', 400, 'syntax_invalid_json'],
    ['no recipients', batch({ to: [] }), 400, 'syntax_constraint_violation'],
    [
      '1001 recipients',
      batch({ to: Array.from({ length: 1001 }, (_, i) => `4670${1000000 + i}`) }),
      400,
      'syntax_constraint_violation',
    ],
    ['an unknown group', batch({ to: ['01FC66621XXXXX119Z8PMV1QPQ'] }), 403, 'unknown_group'],
    [
      'a bad delivery_report',
      batch({ delivery_report: 'always' }),
      400,
      'syntax_constraint_violation',
    ],
    [
      'expire_at before send_at',
      batch({ send_at: '2030-01-02T00:00:00Z', expire_at: '2030-01-01T00:00:00Z' }),
      400,
      'syntax_constraint_violation',
    ],
  ])('refuses %s with %s %s', async (_name, body, status, code) => {
    await start();
    const result = await call('POST', '/batches', body);
    expect(result.status).toBe(status);
    expect(result.body.code).toBe(code);
    expect(schemas.validate('sinch-sms-rest/error', result.body)).toEqual([]);
  });

  it('answers 403 missing_callback_url when reports are asked for without a URL and the plan has none', async () => {
    await start({
      providers: { 'sinch-sms-rest': { settings: { missingCallbackUrl: 'reject' } } },
    });
    const result = await call('POST', '/batches', batch({ delivery_report: 'per_recipient' }));
    expect(result.status).toBe(403);
    expect(result.body.code).toBe('missing_callback_url');
  });

  it('serves only the documented regions', async () => {
    await start();
    const response = await fetch(`${url}/sinch-sms-rest/xx/xms/v1/sandbox-plan/batches`, {
      headers: { authorization: 'Bearer sandbox-token' },
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('not_found');
  });

  it('sends one per-recipient report per recipient to callback_url, final statuses only, failures by number', async () => {
    await start();
    const result = await call(
      'POST',
      '/batches',
      batch({
        to: ['46700000001', '+46700000402'],
        delivery_report: 'per_recipient',
        callback_url: `${sink.url}/dlr`,
        client_reference: 'order-42',
      }),
    );
    const callbacks = await sink.waitFor(2);
    for (const c of callbacks) {
      expect(c.path).toBe(`${new URL(sink.url).pathname}/dlr`);
      expect(schemas.validate('sinch-sms-rest/recipient-delivery-report', c.body)).toEqual([]);
    }
    const byRecipient = Object.fromEntries(
      callbacks.map((c) => [(c.body as { recipient: string }).recipient, c.body]),
    );
    expect(byRecipient['46700000001']).toMatchObject({
      type: 'recipient_delivery_report_sms',
      batch_id: result.body.id,
      code: 0,
      status: 'Delivered',
      client_reference: 'order-42',
    });
    expect(byRecipient['46700000402']).toMatchObject({ code: 402, status: 'Aborted' });
    const report = await call('GET', `/batches/${result.body.id}/delivery_report/46700000402`);
    expect(report.body).toMatchObject({ code: 402, status: 'Aborted' });
  });

  it('sends one full batch report once every recipient is final', async () => {
    await start();
    const result = await call(
      'POST',
      '/batches',
      batch({ to: ['46700000001', '46700000002', '46700000406'], delivery_report: 'full' }),
    );
    const [callback] = await sink.waitFor(1);
    expect(schemas.validate('sinch-sms-rest/delivery-report', callback!.body)).toEqual([]);
    expect(callback!.body).toEqual({
      type: 'delivery_report_sms',
      batch_id: result.body.id,
      total_message_count: 3,
      statuses: expect.arrayContaining([
        { code: 0, status: 'Delivered', count: 2, recipients: ['46700000001', '46700000002'] },
        { code: 406, status: 'Expired', count: 1, recipients: ['46700000406'] },
      ]),
    });
    await expect
      .poll(
        () =>
          sim.journal
            .list({ route: 'send' })[0]!
            .subEvents.filter((s) => s.type === 'callback-attempt').length,
      )
      .toBe(1);
  });

  it('fills parameters per recipient with their default, and reports an unmatched one as 405', async () => {
    await start();
    const body = batch({
      to: ['46700000001', '46700000002', '46700000003'],
      body: 'Hi ${name}, code ${code}',
      parameters: {
        name: { '46700000001': 'Asha', default: 'there' },
        code: { '46700000001': '1', '46700000002': '2' },
      },
      delivery_report: 'full',
    });
    const dry = await call('POST', '/batches/dry_run?per_recipient=true', body);
    expect(dry.status).toBe(200);
    expect(dry.body.per_recipient.map((r: { body: string }) => r.body)).toEqual([
      'Hi Asha, code 1',
      'Hi there, code 2',
      'Hi ${name}, code ${code}',
    ]);
    expect(sim.journal.list({ route: 'dry-run' })[0]!.messages).toHaveLength(0);
    const sent = await call('POST', '/batches', body);
    const [callback] = await sink.waitFor(1);
    expect((callback!.body as { statuses: unknown[] }).statuses).toContainEqual({
      code: 405,
      status: 'Failed',
      count: 1,
      recipients: ['46700000003'],
    });
    expect(sent.status).toBe(201);
  });

  it('lists, reads, updates and cancels batches; a cancelled scheduled batch reports 407', async () => {
    await start();
    const later = await call(
      'POST',
      '/batches',
      batch({ send_at: '2099-01-01T00:00:00Z', to: ['46700000011', '46700000012'] }),
    );
    await call('POST', '/batches', batch());
    const list = await call('GET', '/batches?page_size=1');
    expect(list.body).toMatchObject({ count: 2, page: 0, page_size: 1 });
    expect(list.body.batches[0].id).not.toBe(later.body.id);
    expect((await call('GET', '/batches?page_size=101')).status).toBe(400);
    const updated = await call('POST', `/batches/${later.body.id}`, {
      to_add: ['46700000013'],
      to_remove: ['46700000011'],
      body: 'Changed',
    });
    expect(updated.body).toMatchObject({ to: ['46700000012', '46700000013'], body: 'Changed' });
    const cancelled = await call('DELETE', `/batches/${later.body.id}`);
    expect(cancelled.body.canceled).toBe(true);
    expect((await call('GET', `/batches/${later.body.id}`)).body.canceled).toBe(true);
    const report = await call('GET', `/batches/${later.body.id}/delivery_report?type=full`);
    expect(report.body.statuses).toEqual([
      { code: 407, status: 'Aborted', count: 2, recipients: ['46700000011', '46700000012'] },
    ]);
    expect((await call('GET', '/batches/01NOTABATCHNOTABATCHNOTABA')).status).toBe(404);
  });

  it('sends to the members of a group named by id', async () => {
    await start();
    const group = await call('POST', '/groups', {
      name: 'vip',
      members: ['46700000021', '46700000022'],
    });
    expect(group.status).toBe(201);
    const sent = await call('POST', '/batches', batch({ to: [group.body.id, '46700000023'] }));
    expect(sent.status).toBe(201);
    expect(sim.journal.list({ route: 'send' })[0]!.messages.map((m) => m.recipient)).toEqual([
      '46700000021',
      '46700000022',
      '46700000023',
    ]);
  });
});

describe('Sinch SMS REST inbounds', () => {
  it('reports an injected SMS as mo_text to the business number last used, and lists it', async () => {
    await start({ providers: { 'sinch-sms-rest': { callbacks: { mo: `${sink.url}/mo` } } } });
    await call('POST', '/batches', batch({ from: 'ACME', to: ['46700000031'] }));
    const injected = await fetch(`${url}/__admin/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'sinch-sms-rest', from: '+46700000031', text: 'STOP' }),
    });
    expect(injected.status).toBe(202);
    await expect.poll(() => sink.received.filter((c) => c.path.endsWith('/mo')).length).toBe(1);
    const mo = sink.received.find((c) => c.path.endsWith('/mo'))!;
    expect(schemas.validate('sinch-sms-rest/mo-text', mo.body)).toEqual([]);
    expect(mo.body).toMatchObject({
      type: 'mo_text',
      from: '46700000031',
      to: 'ACME',
      body: 'STOP',
    });
    const list = await call('GET', '/inbounds');
    expect(list.body).toMatchObject({ count: 1, inbounds: [mo.body] });
    expect((await call('GET', `/inbounds/${(mo.body as { id: string }).id}`)).body).toEqual(
      mo.body,
    );
  });
});
