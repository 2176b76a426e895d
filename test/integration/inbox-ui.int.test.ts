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
    const { dialectFor } = await loadUiModule<{ dialectFor: (schema: string) => Dialect }>(
      'inbound-actions.js',
    );
    const { inputs } = (await (await fetch(`${sim.url}/__admin/inbound`)).json()) as {
      inputs: { provider: string; schema: string }[];
    };
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
    for (const { schema } of inputs) {
      const dialect = dialectFor(schema);
      const bodies = [
        dialect.text?.(from, 'Yes please'),
        dialect.location?.(from, {
          latitude: 19.076,
          longitude: 72.8777,
          name: 'Gateway of India',
        }),
        dialect.media?.(from, {
          url: 'https://example.com/photo.png',
          kind: 'image',
          caption: 'Here',
        }),
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

  it('offers the same failure codes, with the same meanings, as the simulators report', async () => {
    const codes = await loadUiModule<Record<string, Record<string, string>>>('failure-codes.js');
    expect(codes.SMS_FAILURE_CODES).toEqual(SMS_FAILURE_CODES);
    expect(codes.WHATSAPP_FAILURE_CODES).toEqual(DLR_FAILURE_TITLES);
    expect(codes.CONVERSATION_REASON_CODES).toEqual(REASON_DESCRIPTIONS);
  });
});
