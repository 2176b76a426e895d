/**
 * Runs the reference gateway against the simulator: sends a few SMS through Sinch SMS India, prints
 * each status change as the delivery reports arrive, then a table, and exits.
 */
import type { GatewayMessage } from './message-store.js';
import { isFinalStatus } from './message-store.js';
import { startReferenceStack } from './start-stack.js';

/** One send of the demo. */
interface DemoSend {
  label: string;
  body: Record<string, unknown>;
}

const TEMPLATE_ID = '1107100000000000002';

const SENDS: DemoSend[] = [
  {
    label: 'OTP, delivered',
    body: { to: '919800000001', text: 'Your OTP is 123456 - ACME', templateId: TEMPLATE_ID },
  },
  {
    label: 'DND number (901)',
    body: { to: '919800000901', text: 'Your order has shipped', templateId: TEMPLATE_ID },
  },
  {
    label: 'template blocked by DLT (908)',
    body: { to: '919800000908', text: 'Sale: 50% off today', templateId: TEMPLATE_ID },
  },
  {
    label: 'two recipients, one request',
    body: {
      to: ['919800000002', '919800000003'],
      text: 'Your bill is ready',
      templateId: TEMPLATE_ID,
    },
  },
  {
    label: 'international',
    body: { to: '447700900123', text: 'Your OTP is 654321', international: true },
  },
  {
    label: 'foreign number sent as domestic',
    body: { to: '15551234567', text: 'Hello', templateId: TEMPLATE_ID },
  },
];

const WAIT_FOR_REPORTS_MS = 10_000;

/** Pads cells to a table with a header rule. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Code and description, cut to `max` characters. */
function outcome(m: Pick<GatewayMessage, 'code' | 'description'>, max = 60): string {
  const text = [m.code, m.description].filter((p) => p !== undefined).join(' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

async function main(): Promise<number> {
  const started = Date.now();
  const printed = new Map<string, string>();
  const stack = await startReferenceStack({
    simulator: { log: { level: 'error' } },
    gateway: {
      onMessageChange(message) {
        if (message.status === 'queued' || printed.get(message.id) === message.status) return;
        printed.set(message.id, message.status);
        const at = `+${((Date.now() - started) / 1000).toFixed(3)}s`;
        console.log(
          `  ${at.padStart(8)}  ${message.id.padEnd(6)}  ${message.to.join(',').padEnd(25)}  ${message.status.padEnd(9)}  ${outcome(message)}`,
        );
      },
    },
  });
  const { gateway, simulator } = stack;
  try {
    console.log(`simulator: ${simulator.url}`);
    console.log(`gateway:   ${gateway.url} (DLRs to ${gateway.callbackUrl('sinch-sms')})`);
    console.log('');
    console.log('status changes as they happen:');
    const labels = new Map<string, string>();
    for (const send of SENDS) {
      const response = await fetch(`${gateway.url}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ provider: 'sinch-sms', ...send.body }),
      });
      const answer = (await response.json()) as { messages?: { id: string }[] };
      if (!response.ok || !answer.messages) {
        throw new Error(`POST /send answered ${response.status}: ${JSON.stringify(answer)}`);
      }
      for (const { id } of answer.messages) labels.set(id, send.label);
    }

    const deadline = Date.now() + WAIT_FOR_REPORTS_MS;
    let messages: GatewayMessage[] = [];
    for (;;) {
      const response = await fetch(`${gateway.url}/messages`);
      messages = ((await response.json()) as { messages: GatewayMessage[] }).messages;
      if (messages.every((m) => isFinalStatus(m.status)) || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    console.log('');
    console.log(
      table(
        ['id', 'what', 'to', 'status', 'code / description', 'msgid'],
        messages.map((m) => [
          m.id,
          labels.get(m.id) ?? '',
          m.to.join(','),
          m.status,
          outcome(m),
          m.reference,
        ]),
      ),
    );
    const pending = messages.filter((m) => !isFinalStatus(m.status));
    console.log('');
    if (pending.length > 0) {
      console.log(
        `no final status within ${WAIT_FOR_REPORTS_MS} ms for: ${pending.map((m) => m.id).join(', ')}`,
      );
      return 1;
    }
    console.log(`all ${messages.length} messages reached a final status`);
    return 0;
  } finally {
    await stack.close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`demo failed: ${(error as Error).stack ?? String(error)}`);
  return 1;
});
