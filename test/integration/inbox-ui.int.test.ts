import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaRegistry, startSimulator, type Simulator } from '../../src/index.js';
import { SMS_FAILURE_CODES } from '../../simulators/sinch-sms/dlr-codes.js';
import { DLR_FAILURE_TITLES } from '../../simulators/families/clevertap-whatsapp/status-codes.js';
import { REASON_DESCRIPTIONS } from '../../simulators/sinch-conversation/reason-codes.js';

const uiFolder = join(import.meta.dirname, '..', '..', 'ui');

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, log: { level: 'silent' } });
});

afterAll(async () => {
  await sim.close({ drain: false });
});

/** The providers as `GET /__admin/providers` lists them, with their catalogs. */
async function fetchProviders(): Promise<
  { id: string; catalog: { inboundForms: unknown[]; failureCodes: unknown[] } }[]
> {
  const { providers } = (await (await fetch(`${sim.url}/__admin/providers`)).json()) as {
    providers: { id: string; catalog: { inboundForms: unknown[]; failureCodes: unknown[] } }[];
  };
  return providers;
}

/** GET `path` exactly as written (no URL normalisation), without following redirects. */
function rawGet(
  path: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(sim.url!);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, path, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

/** Relative imports of an ES module, and `src`/`href` of the page. */
function referencesOf(file: string): string[] {
  const text = readFileSync(join(uiFolder, file), 'utf8');
  const pattern = file.endsWith('.html')
    ? /(?:src|href)="([^"#:]+)"/g
    : /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.\/[^']+)'/g;
  return [...text.matchAll(pattern)].map((m) => m[1]!.replace(/^\.\//, ''));
}

/** The page's modules, loaded in Node (they only touch the DOM when called). */
async function loadUiModule<T>(name: string): Promise<T> {
  return (await import(pathToFileURL(join(uiFolder, name)).href)) as T;
}

describe('inbox page', () => {
  it('is where the root and /__admin/ui redirect to, served as HTML with a strict content policy', async () => {
    const root = await rawGet('/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/__admin/ui/');
    const bare = await rawGet('/__admin/ui');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/__admin/ui/');

    const page = await rawGet('/__admin/ui/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.body).toContain('<script type="module" src="inbox.js"></script>');
  });

  it('serves every file the page and its modules reference, each with its content type', async () => {
    const files = readdirSync(uiFolder).filter((f) => /\.(html|js|css|svg)$/.test(f));
    const referenced = new Set(files.flatMap(referencesOf));
    expect([...referenced]).toEqual(expect.arrayContaining(['inbox.css', 'inbox.js', 'icon.svg']));
    const types: Record<string, string> = {
      js: 'text/javascript; charset=utf-8',
      css: 'text/css; charset=utf-8',
      svg: 'image/svg+xml',
      html: 'text/html; charset=utf-8',
    };
    for (const file of referenced) {
      const answer = await rawGet(`/__admin/ui/${file}`);
      expect(answer.status, file).toBe(200);
      expect(answer.headers['content-type'], file).toBe(types[file.split('.').pop()!]);
      expect(answer.body, file).toBe(readFileSync(join(uiFolder, file), 'utf8'));
    }
  });

  it('answers an unknown file, and a kind of file it does not serve, with 404 in the admin error shape', async () => {
    for (const path of [
      '/__admin/ui/missing.js',
      '/__admin/ui/tsconfig.json',
      '/__admin/ui/nested/',
    ]) {
      const answer = await rawGet(path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers['content-type'], path).toContain('application/json');
      expect(JSON.parse(answer.body), path).toEqual({
        errors: [expect.objectContaining({ code: 'not-found', pointer: '/path' })],
      });
    }
  });

  it('refuses paths that climb out of the ui folder or name hidden files, however they are spelt', async () => {
    const attempts = [
      '/__admin/ui/../package.json',
      '/__admin/ui/../../package.json',
      '/__admin/ui/%2e%2e/package.json',
      '/__admin/ui/..%2fpackage.json',
      '/__admin/ui/%2e%2e%2f%2e%2e%2fpackage.json',
      '/__admin/ui/..%5cpackage.json',
      '/__admin/ui/inbox.js%00.html',
      '/__admin/ui/.gitignore',
    ];
    for (const path of attempts) {
      const answer = await rawGet(path);
      expect(answer.body, path).not.toContain('"devDependencies"');
      expect(answer.status, path).toBe(404);
      expect(JSON.parse(answer.body).errors[0].code, path).toBe('not-found');
    }
  });
});

describe('page scripts', () => {
  it('type-check against the browser DOM types (ui/tsconfig.json)', () => {
    const tsc = join(import.meta.dirname, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', uiFolder], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('inbound inputs for the page', () => {
  it('lists each provider that takes customer messages with the schema id of its input', async () => {
    const { inputs } = (await (await fetch(`${sim.url}/__admin/inbound`)).json()) as {
      inputs: { provider: string; schema: string }[];
    };
    expect(inputs).toContainEqual({ provider: 'sinch-sms', schema: 'sinch-sms/inbound-input' });
    for (const input of inputs) expect(new SchemaRegistry().ids()).toContain(input.schema);
  });

  it("builds, for every action the page offers, a body each provider's inbound schema accepts", async () => {
    type Dialect = Record<
      string,
      ((this: void, ...args: unknown[]) => Record<string, unknown>) | undefined
    >;
    const { dialectFor } = await loadUiModule<{
      dialectFor: (catalog: unknown, takesInbound: boolean) => Dialect;
    }>('inbound-actions.js');
    const { inputs } = (await (await fetch(`${sim.url}/__admin/inbound`)).json()) as {
      inputs: { provider: string; schema: string }[];
    };
    const providers = await fetchProviders();
    const schemas = new SchemaRegistry();
    const from = '919800000001';
    const message = {
      id: 'm-1',
      recipient: from,
      reference: 'ref-1',
      status: 'read',
      direction: 'outbound',
    };
    let checked = 0;
    for (const { provider, schema } of inputs) {
      const catalog = providers.find((p) => p.id === provider)?.catalog;
      expect(catalog?.inboundForms.length, provider).toBeGreaterThan(0);
      const dialect = dialectFor(catalog, true);
      const bodies = [
        dialect.text?.(from, 'Yes please'),
        dialect.location?.(from, {
          latitude: 19.076,
          longitude: 72.8777,
          name: 'Gateway of India',
        }),
        dialect.location?.(from, { latitude: 19.076, longitude: 72.8777 }),
        ...(['image', 'video', 'audio', 'document'] as const).map((kind) =>
          dialect.media?.(from, {
            url: `https://example.com/file.${kind === 'document' ? 'pdf' : 'bin'}`,
            kind,
            caption: 'Here',
          }),
        ),
        dialect.media?.(from, { url: 'https://example.com/bill.pdf', kind: 'document' }),
        dialect.quickReply?.(
          from,
          { type: 'quick_reply', text: 'Track', payload: 'TRACK' },
          0,
          message,
        ),
        dialect.quickReply?.(from, { type: 'quick_reply', text: 'Stop' }, 1, message),
      ].filter((body) => body !== undefined);
      for (const body of bodies) {
        const errors = schemas.validate(schema, body).filter((d) => d.severity === 'error');
        expect(errors, `${schema} ${JSON.stringify(body)}`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(inputs.length);
  });

  it('builds the same bodies the providers documented before the forms were published', async () => {
    type Dialect = Record<string, (this: void, ...args: unknown[]) => Record<string, unknown>>;
    const { dialectFor } = await loadUiModule<{
      dialectFor: (catalog: unknown, takesInbound: boolean) => Dialect;
    }>('inbound-actions.js');
    const providers = await fetchProviders();
    const whatsapp = dialectFor(providers.find((p) => p.id === 'kaleyra')?.catalog, true);
    const conversation = dialectFor(
      providers.find((p) => p.id === 'sinch-conversation')?.catalog,
      true,
    );
    const message = { id: 'm-1', reference: 'ref-1' };
    expect(whatsapp.location!('91', { latitude: 19.5, longitude: 72 })).toEqual({
      from: '91',
      type: 'location',
      latitude: '19.5',
      longitude: '72',
    });
    expect(whatsapp.media!('91', { url: 'https://x.test/a.pdf', kind: 'document' })).toEqual({
      from: '91',
      type: 'file',
      mediaUrl: 'https://x.test/a.pdf',
      mimeType: 'application/pdf',
    });
    expect(
      whatsapp.media!('91', { url: 'https://x.test/a.ogg', kind: 'audio', caption: 'hi' }),
    ).toEqual({
      from: '91',
      type: 'audio',
      mediaUrl: 'https://x.test/a.ogg',
      mimeType: 'audio/ogg',
    });
    expect(whatsapp.quickReply!('91', { type: 'quick_reply', text: 'Stop' }, 1, message)).toEqual({
      from: '91',
      type: 'button',
      text: 'Stop',
      replyTo: 'ref-1',
    });
    expect(conversation.location!('91', { latitude: 19.5, longitude: 72, name: 'Here' })).toEqual({
      from: '91',
      location: { latitude: 19.5, longitude: 72, title: 'Here' },
    });
    expect(
      conversation.quickReply!('91', { type: 'quick_reply', text: 'A', payload: 'P' }, 0, message),
    ).toEqual({ from: '91', choice: { postbackData: 'P' }, replyTo: 'm-1' });
    expect(conversation.quickReply!('91', { type: 'quick_reply', text: 'B' }, 2, message)).toEqual({
      from: '91',
      choice: { index: 2 },
      replyTo: 'm-1',
    });
  });

  it('offers for forcing the failure codes, with their meanings, that each simulator reports', async () => {
    const { dialectFor } = await loadUiModule<{
      dialectFor: (
        catalog: unknown,
        takesInbound: boolean,
      ) => { failureCodes: Record<string, string>; statuses: string[] };
    }>('inbound-actions.js');
    const providers = await fetchProviders();
    const codesOf = (id: string) =>
      dialectFor(providers.find((p) => p.id === id)?.catalog, true).failureCodes;
    expect(codesOf('sinch-sms')).toEqual(SMS_FAILURE_CODES);
    for (const id of ['sinch-whatsapp', 'kaleyra', 'msg91'])
      expect(codesOf(id)).toEqual(DLR_FAILURE_TITLES);
    expect(codesOf('sinch-conversation')).toEqual(REASON_DESCRIPTIONS);
    expect(dialectFor(providers.find((p) => p.id === 'sinch-sms')?.catalog, true).statuses).toEqual(
      ['delivered', 'failed'],
    );
  });
});
