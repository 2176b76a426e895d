import { SinchClient, SmsCallbackWebhooks, SmsService } from '@sinch/sdk-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sinchConversation } from '../../simulators/sinch-conversation/index.js';
import { sinchSmsRest } from '../../simulators/sinch-sms-rest/index.js';
import { createSimulator, type Simulator } from '../../src/app/create-simulator.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import {
  startCallbackSink,
  type CallbackSink,
  type ReceivedCallback,
} from '../support/callback-sink.js';

/**
 * The official Sinch Node SDK's SmsService (@sinch/sms, through @sinch/sdk-core), changed only in
 * its host options, against the simulator: batches, dry run, delivery reports, inbounds, the
 * OAuth2 (project) mode with the simulator's token route, and the SDK's own callback parser on the
 * simulator's delivery report and MO bodies.
 */

const schemas = new SchemaRegistry();
let sim: Simulator;
let sink: CallbackSink;
let url: string;
let sms: SmsService;

beforeAll(async () => {
  sink = await startCallbackSink();
  sim = createSimulator(
    {
      port: 0,
      log: { level: 'silent' },
      callbackUrl: sink.url,
      providers: {
        'sinch-sms-rest': {
          settings: { dispatchDelayMs: { min: 1, max: 2 }, finalDelayMs: { min: 5, max: 10 } },
        },
      },
    },
    [sinchSmsRest, sinchConversation],
    { schemas },
  );
  url = await sim.listen();
  sms = new SmsService({
    servicePlanId: 'sandbox-plan',
    apiToken: 'sandbox-token',
    smsHostname: `${url}/sinch-sms-rest/us`,
  });
});

afterAll(async () => {
  await sim.close({ drain: false });
  await sink.close();
});

/** Waits until the sink holds a callback that `match` accepts. */
async function callback(
  match: (body: Record<string, unknown>) => boolean,
): Promise<ReceivedCallback> {
  for (let i = 0; i < 300; i++) {
    const found = sink.received.find((c) => match(c.body as Record<string, unknown>));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('expected callback did not arrive');
}

describe('the official Sinch SDK SmsService against the simulator', () => {
  let batchId = '';

  it('sends a text batch and gets the echo with an id and dates', async () => {
    const batch = await sms.batches.sendTextMessage({
      sendSMSRequestBody: {
        to: ['+46700000001', '+46700000402'],
        from: '12345',
        body: 'Hello ${name}',
        parameters: { name: { '+46700000001': 'Asha', default: 'there' } },
        delivery_report: 'per_recipient',
        client_reference: 'order-42',
      },
    });
    expect(batch.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(batch.created_at).toBeInstanceOf(Date);
    expect(batch.canceled).toBe(false);
    expect(batch.client_reference).toBe('order-42');
    batchId = batch.id!;
    const entry = sim.journal.list({ route: 'send' })[0]!;
    expect(entry.response?.status).toBe(201);
    expect(schemas.validate('sinch-sms-rest/send-batch-request', entry.request.body)).toEqual([]);
  });

  it('parses the per-recipient delivery reports with its own callback helper', async () => {
    const webhooks = new SmsCallbackWebhooks();
    const delivered = await callback((b) => b.batch_id === batchId && b.code === 0);
    const aborted = await callback((b) => b.batch_id === batchId && b.code === 402);
    const parsed = webhooks.parseEvent(delivered.raw);
    expect(parsed).toMatchObject({
      type: 'recipient_delivery_report_sms',
      batch_id: batchId,
      recipient: '46700000001',
      status: 'Delivered',
      client_reference: 'order-42',
    });
    expect((parsed as { at: Date }).at).toBeInstanceOf(Date);
    expect(webhooks.parseEvent(aborted.raw)).toMatchObject({ status: 'Aborted', code: 402 });
  });

  it('gets the batch, its delivery report, and one recipient report', async () => {
    const batch = await sms.batches.get({ batch_id: batchId });
    expect(batch.id).toBe(batchId);
    const report = await sms.deliveryReports.get({ batch_id: batchId, type: 'full' });
    expect(report).toMatchObject({
      type: 'delivery_report_sms',
      batch_id: batchId,
      total_message_count: 2,
    });
    expect(report.statuses).toEqual(
      expect.arrayContaining([
        { code: 0, status: 'Delivered', count: 1, recipients: ['46700000001'] },
        { code: 402, status: 'Aborted', count: 1, recipients: ['46700000402'] },
      ]),
    );
    const one = await sms.deliveryReports.getForNumber({
      batch_id: batchId,
      recipient_msisdn: '+46700000402',
    });
    expect(one).toMatchObject({ recipient: '46700000402', code: 402, status: 'Aborted' });
  });

  it('lists batches and delivery reports page by page', async () => {
    await sms.batches.send({
      sendSMSRequestBody: { to: ['46700000003'], from: '12345', body: 'Second' },
    });
    const first = await sms.batches.list({ page_size: 1 });
    expect(first.data).toHaveLength(1);
    expect(first.hasNextPage).toBe(true);
    const ids: string[] = [];
    for await (const batch of sms.batches.list({ page_size: 1 })) ids.push(batch.id!);
    expect(ids).toHaveLength(2);
    expect(ids).toContain(batchId);
    const reports = await sms.deliveryReports.list({ client_reference: 'order-42' });
    expect(reports.data.map((r) => r.recipient).sort()).toEqual(['46700000001', '46700000402']);
  });

  it('dry-runs a batch with per-recipient detail and sends nothing', async () => {
    const before = sim.journal.list({ route: 'send' }).length;
    const dry = await sms.batches.dryRun({
      per_recipient: true,
      dryRunRequestBody: {
        to: ['46700000005', '46700000006'],
        from: '12345',
        body: 'Dry ${x}',
        parameters: { x: { default: 'run' } },
      },
    });
    expect(dry.number_of_recipients).toBe(2);
    expect(dry.number_of_messages).toBe(2);
    expect(dry.per_recipient?.map((r) => r.body)).toEqual(['Dry run', 'Dry run']);
    expect(sim.journal.list({ route: 'send' })).toHaveLength(before);
  });

  it('cancels a scheduled batch, which then reports code 407', async () => {
    const scheduled = await sms.batches.send({
      sendSMSRequestBody: {
        to: ['46700000007'],
        from: '12345',
        body: 'Later',
        send_at: new Date(Date.now() + 86_400_000),
      },
    });
    const cancelled = await sms.batches.cancel({ batch_id: scheduled.id! });
    expect(cancelled.canceled).toBe(true);
    const report = await sms.deliveryReports.getForNumber({
      batch_id: scheduled.id!,
      recipient_msisdn: '46700000007',
    });
    expect(report).toMatchObject({ code: 407, status: 'Aborted' });
  });

  it('surfaces a wrong API token as a 401 error', async () => {
    const wrong = new SmsService({
      servicePlanId: 'sandbox-plan',
      apiToken: 'not-the-token',
      smsHostname: `${url}/sinch-sms-rest/eu`,
    });
    await expect(wrong.batches.get({ batch_id: batchId })).rejects.toThrow(/401/);
  });

  it('lists and reads inbounds, and parses the MO callback with its own helper', async () => {
    const injected = await fetch(`${url}/__admin/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'sinch-sms-rest', from: '46700000001', text: 'STOP' }),
    });
    expect(injected.status).toBe(202);
    const mo = await callback((b) => b.type === 'mo_text');
    const parsed = new SmsCallbackWebhooks().parseEvent(mo.raw);
    expect(parsed).toMatchObject({
      type: 'mo_text',
      from: '46700000001',
      to: '12345',
      body: 'STOP',
    });
    expect((parsed as { received_at: Date }).received_at).toBeInstanceOf(Date);
    const list = await sms.inbounds.list();
    expect(list.data.map((i) => i.id)).toContain((mo.body as { id: string }).id);
    const one = await sms.inbounds.get({ inbound_id: (mo.body as { id: string }).id });
    expect(one).toMatchObject({ type: 'mo_text', body: 'STOP' });
  });

  it('parses a summary batch report with its own helper', async () => {
    const batch = await sms.batches.send({
      sendSMSRequestBody: {
        to: ['46700000008', '46700000406'],
        from: '12345',
        body: 'Sum',
        delivery_report: 'summary',
      },
    });
    const report = await callback(
      (b) => b.type === 'delivery_report_sms' && b.batch_id === batch.id,
    );
    expect(schemas.validate('sinch-sms-rest/delivery-report', report.body)).toEqual([]);
    expect(new SmsCallbackWebhooks().parseEvent(report.raw)).toMatchObject({
      type: 'delivery_report_sms',
      total_message_count: 2,
      statuses: expect.arrayContaining([
        { code: 0, status: 'Delivered', count: 1 },
        { code: 406, status: 'Expired', count: 1 },
      ]),
    });
  });

  it('works in project mode with an OAuth2 token from the simulator token route', async () => {
    const client = new SinchClient({
      projectId: 'sandbox-project',
      keyId: 'sandbox-key',
      keySecret: 'sandbox-secret',
      authHostname: `${url}/sinch/auth`,
      smsHostname: `${url}/sinch-sms-rest/zt/eu`,
    });
    const batch = await client.sms.batches.send({
      sendSMSRequestBody: { to: ['46700000009'], from: '12345', body: 'OAuth' },
    });
    expect(batch.id).toBeDefined();
    expect((await client.sms.batches.get({ batch_id: batch.id! })).body).toBe('OAuth');
    expect(sim.journal.list({ route: 'token' })).toHaveLength(1);
    expect(sim.journal.list({ route: 'send-zt' })).toHaveLength(1);
    // Project mode is another account: the service-plan batches are not visible there.
    await expect(client.sms.batches.get({ batch_id: batchId })).rejects.toThrow(/404/);
  });
});
