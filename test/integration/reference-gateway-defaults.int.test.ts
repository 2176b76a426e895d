import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kaleyraContract } from '../../contracts/kaleyra.js';
import { runAgainstReferenceGateway } from '../../examples/reference-gateway/proof/reference-run.js';
import {
  startReferenceStack,
  type ReferenceStack,
} from '../../examples/reference-gateway/start-stack.js';
import { formatConsoleReport } from '../../src/contracts/index.js';

let stack: ReferenceStack;

beforeAll(async () => {
  stack = await startReferenceStack({ simulator: { log: { level: 'silent' } } });
});

afterAll(async () => {
  if (stack !== undefined) await stack.close();
});

describe('reference gateway defaults', () => {
  it('answers GET /health with ok and the providers it speaks', async () => {
    const response = await fetch(`${stack.gateway.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      providers: expect.arrayContaining([
        'sinch-sms',
        'sinch-whatsapp',
        'kaleyra',
        'msg91',
        'sinch-conversation',
      ]),
    });
  });

  it("names its own Kaleyra callback URLs in every send's headers without any setting", async () => {
    const answer = await fetch(`${stack.gateway.url}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'kaleyra', to: ['919700000111'], text: 'hello' }),
    });
    expect(answer.status).toBe(200);
    const sent = stack.simulator.journal
      .list()
      .find((entry) => entry.provider === 'kaleyra' && entry.request.method === 'POST');
    expect(sent?.request.headers).toMatchObject({
      'delivery-report-callback-url': `${stack.gateway.url}/callbacks/kaleyra`,
      'inbound-message-callback-url': `${stack.gateway.url}/callbacks/kaleyra/inbound`,
    });
  });

  it('passes the Kaleyra callback header case with no gateway URL configured', async () => {
    const report = await runAgainstReferenceGateway(kaleyraContract, {
      only: ['kaleyra-callback-url-headers'],
    });
    expect(report.summary.passed, formatConsoleReport(report)).toBe(1);
  }, 60_000);
});
