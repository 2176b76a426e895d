import http from 'node:http';
import { afterEach, describe, expect } from 'vitest';
import type { SimConfigInput } from '../../src/config/sim-config.js';
import { createSimulator, type Simulator } from '../../src/app/create-simulator.js';
import { sampleTemplateMessage } from '../../simulators/families/clevertap-whatsapp/sample-messages.js';
import { msg91 } from '../../simulators/msg91/index.js';
import { fidelity } from './evidence.js';

const MSG91_PAGE = {
  tag: 'documented',
  source: 'https://docs.clevertap.com/docs/msg91-whatsapp',
} as const;
const basic = `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}`;

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close({ drain: false });
  sim = undefined;
});

async function sendWith(headers: Record<string, string>, settings = {}): Promise<unknown> {
  const config: SimConfigInput = {
    port: 0,
    log: { level: 'silent' },
    providers: { msg91: { settings } },
  };
  sim = createSimulator(config, [msg91]);
  const url = await sim.listen();
  // fetch always adds an Accept header; node:http sends only the headers given.
  const body = JSON.stringify(sampleTemplateMessage());
  const text = await new Promise<string>((resolve, reject) => {
    const request = http.request(
      `${url}/msg91/api/v5/whatsapp//outbound/clevertap/`,
      { method: 'POST', headers: { authorization: basic, authkey: 'sandbox', ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
  return JSON.parse(text) as unknown;
}

describe('MSG91 fidelity', () => {
  fidelity(
    MSG91_PAGE,
    'accepts a send without Accept and journals a warning naming the header',
    async () => {
      expect(await sendWith({ 'content-type': 'application/json' })).toEqual({
        status: 'success',
      });
      const entry = sim!.journal.list()[0]!;
      expect(entry.messages).toHaveLength(1);
      expect(
        entry.diagnostics.filter((d) => d.pointer === '/headers/accept').map((d) => d.severity),
      ).toEqual(['warning']);
    },
  );

  fidelity(
    MSG91_PAGE,
    'accepts a send without Content-type and journals an info diagnostic naming the header',
    async () => {
      expect(await sendWith({ accept: 'application/json' })).toEqual({ status: 'success' });
      const entry = sim!.journal.list()[0]!;
      expect(entry.messages).toHaveLength(1);
      const found = entry.diagnostics.filter((d) => d.keyword === 'json-headers');
      expect(found.map((d) => [d.pointer, d.severity])).toEqual([
        ['/headers/content-type', 'info'],
      ]);
      expect(found[0]!.message).toContain('no refusal is documented');
    },
  );

  fidelity(
    {
      tag: 'sim-only',
      reason: 'jsonHeaders "require" keeps the refusal for setups relying on it',
    },
    'refuses a send without Content-type with 2004 under jsonHeaders "require"',
    async () => {
      const answer = (await sendWith(
        { accept: 'application/json' },
        { jsonHeaders: 'require' },
      )) as { error: { code: number; message: string } };
      expect(answer.error.code).toBe(2004);
      expect(answer.error.message).toMatch(/^\/headers\/content-type is missing/);
    },
  );

  fidelity(
    {
      tag: 'sim-only',
      reason: 'jsonHeaders "require-both" keeps the older refusal for setups relying on it',
    },
    'refuses a send without Accept with 2004 under jsonHeaders "require-both"',
    async () => {
      const answer = (await sendWith(
        { 'content-type': 'application/json' },
        { jsonHeaders: 'require-both' },
      )) as { error: { code: number; message: string } };
      expect(answer.error.code).toBe(2004);
      expect(answer.error.message).toMatch(/^\/headers\/accept is missing/);
    },
  );
});
