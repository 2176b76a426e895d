import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createReferenceGateway,
  type ReferenceGateway,
} from '../../examples/reference-gateway/gateway.js';
import { runCli } from '../support/run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const reports = join(import.meta.dirname, '..', '..', 'reports');

let gateway: ReferenceGateway | undefined;

afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs two Sinch SMS cases against a gateway that refuses replies, writing JUnit and HTML. */
async function runWithTwoReporters(): Promise<{ html: string; junit: string; stdout: string }> {
  const port = await freePort();
  gateway = createReferenceGateway({
    simulatorUrl: `http://127.0.0.1:${port}`,
    defects: { rejectInbound: true },
    requestTimeoutMs: 1000,
  });
  const url = await gateway.listen();
  const folder = mkdtempSync(join(tmpdir(), 'psim-html-report-'));
  const config = join(folder, 'contract.config.yaml');
  writeFileSync(
    config,
    `simulator: { config: { port: ${port}, log: { level: error } } }
gateway:
  trigger: { url: ${url}/send, body: { provider: '{{provider}}', to: '{{to}}', text: '{{text}}', templateId: '{{templateId}}' } }
  probe: { url: '${url}/messages/{{id}}' }
  callbacks: { sinch-sms: { dlr: ${url}/callbacks/sinch-sms } }
timeouts: { settleMs: 3000 }
`,
  );
  const html = join(folder, 'out', 'report.html');
  const junit = join(folder, 'out', 'contract.xml');
  const result = await runCli([
    'contract',
    '--config',
    config,
    '--case',
    'sinch-sms-auth',
    '--case',
    'sinch-sms-callbacks-acknowledged',
    '--reporter',
    'junit',
    '--reporter',
    'html',
    '--output',
    `junit=${junit}`,
    '--output',
    `html=${html}`,
  ]);
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(1);
  return { html, junit, stdout: result.stdout };
}

describe('provider-sim contract --reporter html', () => {
  it('writes JUnit and a self-contained HTML report in one run, with failures and redacted evidence', async () => {
    const { html, junit, stdout } = await runWithTwoReporters();
    expect(stdout).toContain(`junit report written to ${junit}`);
    expect(stdout).toContain(`html report written to ${html}`);
    expect(readFileSync(junit, 'utf8')).toContain('failures="1"');
    const page = readFileSync(html, 'utf8');
    expect(page).not.toMatch(/<script|<link|src=|@import|url\(/);
    expect(page).toContain('sinch-sms-callbacks-acknowledged');
    expect(page).toContain('<h4>Expected</h4>');
    expect(page).toContain('<h4>Actual</h4>');
    expect(page).toContain('Requests to the provider');
    expect(page).toContain('Callbacks fired at the gateway');
    // The sandbox password travels in every Sinch SMS request; the report must not show it.
    expect(page).not.toContain('clvrtap_18');
  }, 60_000);

  it.skipIf(!haveChromium)(
    'opens in Chromium with no network, shows the summary per provider and the failure open, and saves a screenshot',
    async () => {
      const { html } = await runWithTwoReporters();
      mkdirSync(reports, { recursive: true });
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        const fetched: string[] = [];
        page.on('request', (request) => {
          if (!request.url().startsWith('file:')) fetched.push(request.url());
        });
        await page.goto(pathToFileURL(html).href);
        const summary = page.locator('table.summary tbody tr').first();
        expect(await summary.locator('td').first().textContent()).toBe('sinch-sms');
        expect(await summary.locator('.badge').textContent()).toBe('failed');
        const failed = page.locator('details.case.failed');
        expect(await failed.getAttribute('open')).not.toBeNull();
        expect(await failed.locator('.side h4').first().isVisible()).toBe(true);
        await page.screenshot({ path: join(reports, 'contract-report.png'), fullPage: true });
        expect(fetched).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    90_000,
  );
});
