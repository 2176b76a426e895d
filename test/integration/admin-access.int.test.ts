import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/index.js';
import { SINCH_SMS_SEND_PATH, sinchSmsSend } from '../support/sinch-sms-fixtures.js';

const TOKEN = 's3cret-admin-token';
const quiet = { port: 0, log: { level: 'silent' as const } };

let sims: Simulator[] = [];

async function start(config: Parameters<typeof startSimulator>[0] = {}): Promise<Simulator> {
  const sim = await startSimulator({ ...quiet, ...config });
  sims.push(sim);
  return sim;
}

afterEach(async () => {
  await Promise.all(sims.map((s) => s.close({ drain: false })));
  sims = [];
});

const bearer = { authorization: `Bearer ${TOKEN}` };

interface Answer {
  status: number;
  body: { errors?: { code: string; pointer: string; detail: string }[] } & Record<string, unknown>;
}

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}

/** A GET with a `Host` header of our choosing (fetch does not let a caller set it). */
function getWithHost(url: string, host: string, headers: Record<string, string> = {}) {
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(url, { headers: { ...headers, host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

const sendSms = (sim: Simulator) =>
  fetch(`${sim.url}${SINCH_SMS_SEND_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(sinchSmsSend()),
  });

describe('admin token', () => {
  it('answers 401 in the admin error shape without the token or with a wrong one, and serves it with the right one', async () => {
    const sim = await start({ admin: { token: TOKEN } });
    const missing = await call(`${sim.url}/__admin/journal`);
    expect(missing.status).toBe(401);
    expect(missing.body.errors?.[0]).toMatchObject({
      code: 'missing-admin-token',
      pointer: '/headers/authorization',
    });
    expect(missing.body.errors?.[0]?.detail).toContain('--admin-token');
    const wrong = await call(`${sim.url}/__admin/journal`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors?.[0]?.code).toBe('wrong-admin-token');
    const right = await call(`${sim.url}/__admin/journal`, { headers: bearer });
    expect(right.status).toBe(200);
    expect(right.body.requests).toEqual([]);
  });

  it('guards every admin operation, changes included, and leaves state alone when refused', async () => {
    const sim = await start({ admin: { token: TOKEN } });
    await sendSms(sim);
    for (const [method, path] of [
      ['GET', '/health'],
      ['GET', '/providers'],
      ['GET', '/faults'],
      ['POST', '/reset'],
      ['POST', '/faults'],
      ['DELETE', '/journal'],
    ] as const) {
      const answer = await call(`${sim.url}/__admin${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(method === 'POST' && { body: '{}' }),
      });
      expect(answer.status, `${method} ${path}`).toBe(401);
    }
    expect(sim.journal.list()).toHaveLength(1);
  });

  it('takes the token as ?token= on the event stream only', async () => {
    const sim = await start({ admin: { token: TOKEN } });
    const stream = await fetch(`${sim.url}/__admin/events?token=${TOKEN}`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    await stream.body?.cancel();
    expect((await fetch(`${sim.url}/__admin/events`)).status).toBe(401);
    expect((await call(`${sim.url}/__admin/journal?token=${TOKEN}`)).status).toBe(401);
  });

  it('serves the inbox page without the token (it asks for it) but not its data', async () => {
    const sim = await start({ admin: { token: TOKEN } });
    const page = await fetch(`${sim.url}/__admin/ui/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    expect((await call(`${sim.url}/__admin/providers`)).status).toBe(401);
  });

  it('leaves provider routes alone: the same send gets the same answer with a token configured', async () => {
    const open = await start();
    const guarded = await start({ admin: { token: TOKEN } });
    const a = await sendSms(open);
    const b = await sendSms(guarded);
    expect(b.status).toBe(a.status);
    expect(Object.keys((await b.json()) as object).sort()).toEqual(
      Object.keys((await a.json()) as object).sort(),
    );
  });
});

describe('admin changes take JSON only', () => {
  it('refuses a text/plain or form POST with 415 and changes nothing', async () => {
    const sim = await start();
    await sendSms(sim);
    const plain = await call(`${sim.url}/__admin/reset`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(plain.status).toBe(415);
    expect(plain.body.errors?.[0]).toMatchObject({
      code: 'unsupported-media-type',
      pointer: '/headers/content-type',
    });
    const form = await call(`${sim.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'match=x',
    });
    expect(form.status).toBe(415);
    const bare = await call(`${sim.url}/__admin/reset`, { method: 'POST' });
    expect(bare.status).toBe(415);
    expect(sim.journal.list()).toHaveLength(1);
    expect(sim.faults.list().filter((r) => r.source === 'admin')).toEqual([]);
    const json = await call(`${sim.url}/__admin/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{}',
    });
    expect(json.status).toBe(200);
    expect(sim.journal.list()).toHaveLength(0);
  });

  it('takes a DELETE without a body', async () => {
    const sim = await start();
    await sendSms(sim);
    expect((await fetch(`${sim.url}/__admin/journal`, { method: 'DELETE' })).status).toBe(200);
    expect(sim.journal.list()).toHaveLength(0);
  });

  it('loads a YAML scenario wrapped in JSON, or as YAML with the x-provider-sim header, and refuses bare YAML', async () => {
    const sim = await start();
    const yaml = 'name: bad-day\nrules:\n  - then: { error: unavailable }\n';
    const wrapped = await call(`${sim.url}/__admin/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ yaml }),
    });
    expect(wrapped.status).toBe(201);
    expect(wrapped.body.name).toBe('bad-day');
    const bare = await call(`${sim.url}/__admin/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: yaml.replace('bad-day', 'other'),
    });
    expect(bare.status).toBe(415);
    expect(bare.body.errors?.[0]?.detail).toContain('x-provider-sim');
    const opted = await call(`${sim.url}/__admin/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml', 'x-provider-sim': '1' },
      body: yaml.replace('bad-day', 'other'),
    });
    expect(opted.status).toBe(201);
    expect(sim.faults.scenarios().sort()).toEqual(['bad-day', 'other']);
  });

  it('answers malformed JSON-wrapped YAML with its line and column', async () => {
    const sim = await start();
    const answer = await call(`${sim.url}/__admin/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ yaml: 'name: x\nrules:\n  - then: { error: unavailable\n' }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.code).toBe('malformed-yaml');
    expect(answer.body.errors?.[0]?.detail).toMatch(/line \d+, column \d+/);
  });
});

describe('admin Host check', () => {
  it('answers loopback names and refuses any other Host with 403 (DNS rebinding)', async () => {
    const sim = await start();
    const port = new URL(sim.url!).port;
    const health = `${sim.url}/__admin/health`;
    expect(await getWithHost(health, `localhost:${port}`)).toBe(200);
    expect(await getWithHost(health, `127.0.0.1:${port}`)).toBe(200);
    expect(await getWithHost(health, `[::1]:${port}`)).toBe(200);
    expect(await getWithHost(health, `evil.example:${port}`)).toBe(403);
    expect(await getWithHost(health, `127.0.0.1.evil.example`)).toBe(403);
    // Provider routes answer whatever the Host.
    expect(await getWithHost(`${sim.url}/nothing-here`, 'evil.example')).toBe(404);
  });

  it('answers the names listed in admin.allowedHosts', async () => {
    const sim = await start({ admin: { token: TOKEN, allowedHosts: ['sim.internal'] } });
    const health = `${sim.url}/__admin/health`;
    expect(await getWithHost(health, 'sim.internal:4010', bearer)).toBe(200);
    expect(await getWithHost(health, 'other.internal:4010', bearer)).toBe(403);
  });
});
