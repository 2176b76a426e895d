import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../src/index.js';
import type {
  AnyProviderDefinition,
  PhonePreview,
  RouteDefinition,
} from '../../src/engine/provider-api.js';
import {
  startReferenceStack,
  type ReferenceStack,
} from '../../examples/reference-gateway/start-stack.js';
import { startCallbackSink, type CallbackSink } from '../support/callback-sink.js';
import { testProvider } from '../support/test-provider.js';
import { CLEVERTAP_WHATSAPP_CATALOG } from '../../simulators/families/clevertap-whatsapp/catalog.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const reports = join(import.meta.dirname, '..', '..', 'reports');
const TEMPLATE_ID = '1107100000000000002';
/** The admin token of the simulator the first case starts; the page asks for it in a prompt. */
const ADMIN_TOKEN = 'inbox-e2e-token';

let browser: Browser;
let page: Page;
let pageErrors: string[];
let tokenPrompts: number;

beforeAll(async () => {
  if (!haveChromium) return;
  mkdirSync(reports, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 30_000);

afterAll(async () => {
  await browser?.close();
});

/** A fresh laptop-sized page that records script errors. */
async function openPage(): Promise<Page> {
  const created = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  pageErrors = [];
  tokenPrompts = 0;
  created.on('pageerror', (error) => pageErrors.push(error.message));
  created.on('console', (message) => {
    // The first calls behind the admin token answer 401 before the page asks for it: expected.
    const unauthorized = /status of 401/.test(message.text());
    if (message.type() === 'error' && !unauthorized) pageErrors.push(message.text());
  });
  created.on('dialog', (dialog) => {
    if (dialog.type() !== 'prompt') return void dialog.accept();
    tokenPrompts++;
    void dialog.accept(ADMIN_TOKEN);
  });
  created.setDefaultTimeout(10_000);
  return created;
}

/** Polls `probe` until it returns something other than undefined (fails after `timeoutMs`). */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!haveChromium)(
  haveChromium
    ? 'sandbox inbox in Chromium, with the reference gateway'
    : `sandbox inbox in Chromium (skipped: ${CHROMIUM} is missing; .ci/run installs Debian's chromium)`,
  () => {
    let stack: ReferenceStack;

    afterEach(async () => {
      await page?.close();
      if (stack !== undefined) await stack.close();
    });

    it('shows a message the gateway sent, carries a typed reply to the gateway, and forces a failure the gateway records', async () => {
      stack = await startReferenceStack({
        simulator: {
          log: { level: 'silent' },
          // The inbox keeps working behind the admin token (asked once, sent on every call and the stream).
          admin: { token: ADMIN_TOKEN },
          // DLRs would arrive only after the test: the page decides the outcome.
          providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 60_000, max: 60_000 } } } },
        },
      });
      const gateway = stack.gateway.url!;
      const send = async (to: string, text: string) => {
        const answer = await fetch(`${gateway}/send`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ provider: 'sinch-sms', to, text, templateId: TEMPLATE_ID }),
        });
        expect(answer.status).toBe(200);
        return ((await answer.json()) as { messages: { id: string; reference: string }[] })
          .messages[0]!;
      };
      await send('919800000002', 'Your order #1042 has shipped and arrives on Friday.');
      await send('919800000003', 'Hi Asha, your appointment is confirmed for 10:30 tomorrow.');
      const sent = await send('919800000001', 'Your OTP is 482913. Do not share it with anyone.');

      page = await openPage();
      await page.goto(`${stack.simulator.url}/`);
      expect(new URL(page.url()).pathname).toBe('/__admin/ui/');
      await page.getByRole('button', { name: /\+919800000001/ }).click();
      const bubble = page.locator('.msg-outbound', { hasText: 'Your OTP is 482913' });
      await bubble.waitFor();
      expect(await bubble.locator('.bubble-sender').textContent()).toContain('ACLALT');
      expect(await bubble.locator('.bubble-status').textContent()).toBe('accepted');
      expect(tokenPrompts).toBe(1);

      await page.getByLabel('Reply as the customer +919800000001').fill('STOP sending me codes');
      await page.keyboard.press('Enter');
      await page.locator('.msg-inbound', { hasText: 'STOP sending me codes' }).waitFor();
      const inboundAnswer = await eventually('the inbound callback to reach the gateway', () => {
        const [entry] = stack.simulator.journal.list({ provider: 'sinch-sms', route: 'inbound' });
        const attempt = entry?.subEvents.find((s) => s.type === 'callback-attempt');
        return typeof attempt?.status === 'number' ? attempt : undefined;
      });
      expect(inboundAnswer.status).toBeGreaterThanOrEqual(200);
      expect(inboundAnswer.status).toBeLessThan(300);
      expect(inboundAnswer.body).toEqual([
        {
          event: 'replied',
          data: [
            expect.objectContaining({
              meta: sent.reference,
              incomingText: 'STOP sending me codes',
            }),
          ],
        },
      ]);
      await page.locator('#action-status', { hasText: 'The gateway answered' }).waitFor();

      await bubble.locator('summary').click();
      await bubble.getByLabel('Failure code').fill('901');
      await bubble.getByRole('button', { name: 'Mark failed' }).click();
      const failed = await eventually('the gateway to record the failure', async () => {
        const view = (await (await fetch(`${gateway}/messages/${sent.id}`)).json()) as {
          status: string;
          code?: string;
        };
        return view.status === 'failed' ? view : undefined;
      });
      expect(failed).toMatchObject({ status: 'failed', code: '901' });
      await bubble.locator('.bubble-status', { hasText: 'failed 901' }).waitFor();
      await bubble.locator('.cb-attempt', { hasText: 'HTTP 200' }).waitFor();
      await page
        .locator('#action-status', {
          hasText:
            'Marked failed with code 901. The gateway answered the dlr callback with HTTP 200',
        })
        .waitFor();

      await page.screenshot({ path: join(reports, 'inbox.png') });

      const listed = () =>
        page.locator('#conversation-list .conversation-number').allTextContents();
      await page.getByLabel('Search').fill(sent.reference);
      expect(await listed()).toEqual(['+919800000001']);
      await page.getByLabel('Search').fill('appointment');
      expect(await listed()).toEqual(['+919800000003']);
      await page.getByLabel('Search').fill('');
      await page.getByLabel('Number').fill('0002');
      expect(await listed()).toEqual(['+919800000002']);
      await page.getByLabel('Number').fill('');
      await page.getByLabel('Provider').selectOption('sinch-sms');
      expect(await listed()).toHaveLength(3);

      await page.getByRole('button', { name: /\+919800000003/ }).focus();
      await page.keyboard.press('Enter');
      expect(await page.locator('#thread-title').textContent()).toBe('+919800000003');

      await page.getByRole('button', { name: 'Clear all' }).click();
      await page.locator('#list-empty', { hasText: 'Nothing yet' }).waitFor();
      expect(stack.simulator.journal.list()).toEqual([]);
      expect(pageErrors).toEqual([]);
    }, 30_000);
  },
);

/** Builds a preview from the test body: the body names what the phone should show. */
const richPreview = (message: { recipient: string }, body: unknown): PhonePreview => ({
  channel: 'whatsapp',
  from: '919000000000',
  to: message.recipient,
  ...((body as { preview?: Partial<PhonePreview> }).preview ?? {}),
});

/** What the customer's own phone shows for an injected message in the CleverTap WhatsApp input. */
function customerPreview(from: string, input: Record<string, string>): PhonePreview {
  const base = { channel: 'whatsapp', from, to: '919000000000' };
  if (input.type === 'location') {
    return {
      ...base,
      location: {
        latitude: input.latitude!,
        longitude: input.longitude!,
        ...(input.name !== undefined && { name: input.name }),
      },
    };
  }
  if (input.type === 'file') {
    return {
      ...base,
      media: {
        type: 'document',
        url: input.mediaUrl!,
        ...(input.text !== undefined && { caption: input.text }),
      },
    };
  }
  return { ...base, body: input.text ?? '' };
}

const sendRoute: RouteDefinition = {
  id: 'send',
  method: 'POST',
  path: '/send',
  recipients: (request) => [String((request.body as { to?: unknown }).to)],
  accept: (request, context) => ({
    response: { status: 200, body: { ok: true } },
    messages: [
      {
        id: context.ids.next('wamid.'),
        recipient: String((request.body as { to?: unknown }).to),
        reference: (request.body as { ref?: string }).ref ?? 'none',
      },
    ],
  }),
};

/**
 * A WhatsApp-like provider whose previews come from the request, and which takes the CleverTap
 * WhatsApp inbound input, so every part of the phone view and every customer action can be shown.
 */
const showcase: AnyProviderDefinition = {
  ...testProvider,
  id: 'showcase',
  title: 'Showcase WhatsApp provider',
  routes: [sendRoute],
  preview: (message, body) =>
    (message.data as { inbound?: boolean } | undefined)?.inbound
      ? customerPreview(message.recipient, body as Record<string, string>)
      : richPreview(message, body),
  lifecycle: () => [
    { status: 'sent', afterMs: 5, callback: 'dlr' },
    { status: 'delivered', afterMs: 10, callback: 'dlr' },
  ],
  catalog: CLEVERTAP_WHATSAPP_CATALOG,
  inbound: {
    schema: 'clevertap-whatsapp/inbound-input',
    accept: (input, context) => ({
      messages: [
        {
          message: {
            id: context.ids.next('wamid.in.'),
            recipient: String(input.from),
            data: { inbound: true, input },
          },
          step: { status: 'received', afterMs: 0, callback: 'inbound' },
        },
      ],
    }),
  },
  callbacks: {
    ...testProvider.callbacks,
    inbound: {
      build: (events) => ({
        body: events.map((e) => (e.message.data as { input: unknown }).input),
      }),
      schema: 'none',
    },
  },
};

describe.skipIf(!haveChromium)(
  haveChromium
    ? 'sandbox inbox in Chromium, with WhatsApp-style previews'
    : `sandbox inbox in Chromium, with WhatsApp-style previews (skipped: ${CHROMIUM} is missing)`,
  () => {
    let sim: Simulator;
    let sink: CallbackSink;

    afterEach(async () => {
      await page?.close();
      await sim?.close({ drain: false });
      await sink?.close();
    });

    it('renders templates, media, locations and carousels as a phone does, escapes message text, and sends quick-reply taps, locations and media as inbound input', async () => {
      sink = await startCallbackSink();
      sim = createSimulator({ port: 0, log: { level: 'silent' }, callbackUrl: sink.url }, [
        showcase,
      ]);
      await sim.listen();
      const send = (preview: Partial<PhonePreview>, ref: string) =>
        fetch(`${sim.url}/showcase/send`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ to: '919811112222', ref, preview }),
        });
      await send(
        {
          template: { name: 'order_shipped', language: 'en' },
          header: { type: 'image', url: `${sim.url}/__admin/ui/icon.svg` },
          body: 'Hi *Asha*, your order _#1042_ has shipped.\nIt arrives on ~Thursday~ Friday.',
          footer: 'Reply STOP to opt out',
          buttons: [
            { type: 'quick_reply', text: 'Track order', payload: 'TRACK_1042' },
            { type: 'url', text: 'View invoice', url: 'https://shop.example/invoice/1042' },
            { type: 'call', text: 'Call us', phone: '+919000000000' },
          ],
        },
        'ref-template',
      );
      await send(
        {
          template: { name: 'weekend_picks', language: 'en' },
          body: 'Picked for you this weekend:',
          cards: [
            {
              header: { type: 'image', url: 'https://unreachable.invalid/shoe.jpg' },
              body: 'Trail runner, 20% off',
              buttons: [{ type: 'quick_reply', text: 'Shoes', payload: 'SHOES' }],
            },
            {
              header: { type: 'video', url: 'https://unreachable.invalid/bag.mp4' },
              body: 'Weekender bag',
              buttons: [{ type: 'url', text: 'Shop', url: 'https://shop.example/bag' }],
            },
          ],
        },
        'ref-carousel',
      );
      await send(
        { body: '<img src=x onerror="document.title=\'owned\'"> is just text' },
        'ref-escape',
      );

      page = await openPage();
      await page.goto(`${sim.url}/`);
      const template = page.locator('.msg-outbound', { hasText: 'has shipped' });
      await template.waitFor();
      expect(await template.locator('.ph-body strong').textContent()).toBe('Asha');
      expect(await template.locator('.ph-body em').textContent()).toBe('#1042');
      expect(await template.locator('.ph-footer').textContent()).toBe('Reply STOP to opt out');
      expect(await template.locator('.bubble-template').textContent()).toContain('order_shipped');
      const image = template.locator('img.ph-image');
      await eventually('the header image to load', () =>
        image.evaluate((img) => {
          const loaded = img as unknown as { complete: boolean; naturalWidth: number };
          return (loaded.complete && loaded.naturalWidth > 0) || undefined;
        }),
      );
      expect(
        await template.locator('a.ph-button', { hasText: 'View invoice' }).getAttribute('href'),
      ).toBe('https://shop.example/invoice/1042');
      const carousel = page.locator('.ph-cards');
      expect(await carousel.locator('.ph-card').count()).toBe(2);
      await carousel.locator('.ph-media-box', { hasText: 'shoe.jpg' }).waitFor();
      expect(await page.locator('.ph-body', { hasText: '<img src=x' }).count()).toBe(1);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.title()).not.toBe('owned');

      await page.locator('#scroller').evaluate((scroller) => scroller.scrollTo(0, 0));
      await page.screenshot({ path: join(reports, 'inbox-whatsapp-template.png') });

      await template.getByRole('button', { name: /Track order/ }).click();
      const inbound = (count: number) =>
        eventually(`${count} inbound callbacks`, () => {
          const found = sink.received.filter(
            (r) => Array.isArray(r.body) && (r.body as { from?: string }[])[0]?.from !== undefined,
          );
          return found.length >= count ? found.map((r) => r.body) : undefined;
        });
      const [tap] = await inbound(1);
      expect(tap).toEqual([
        {
          from: '919811112222',
          type: 'button',
          text: 'Track order',
          payload: 'TRACK_1042',
          replyTo: 'ref-template',
        },
      ]);

      await page.getByText('Share a location or send media').click();
      const locationForm = page.getByRole('group', { name: 'Share a location' });
      await locationForm.getByLabel('Name').fill('Gateway of India');
      await locationForm.getByRole('button', { name: 'Share location' }).click();
      const mediaForm = page.getByRole('group', { name: 'Send a media URL' });
      await mediaForm.getByLabel('Media URL').fill('https://example.com/receipt.pdf');
      await mediaForm.getByLabel('Media URL').press('Tab');
      expect(await mediaForm.getByLabel('Kind').inputValue()).toBe('document');
      await mediaForm.getByLabel('Caption').fill('My receipt');
      await mediaForm.getByRole('button', { name: 'Send media' }).click();
      const received = await inbound(3);
      expect(received.slice(1)).toEqual([
        [
          {
            from: '919811112222',
            type: 'location',
            latitude: '19.076',
            longitude: '72.8777',
            name: 'Gateway of India',
          },
        ],
        [
          {
            from: '919811112222',
            type: 'file',
            mediaUrl: 'https://example.com/receipt.pdf',
            mimeType: 'application/pdf',
            text: 'My receipt',
          },
        ],
      ]);
      await page.locator('.msg-inbound').nth(2).waitFor();

      await page.screenshot({ path: join(reports, 'inbox-whatsapp.png') });
      expect(pageErrors.filter((e) => !e.includes('net::ERR_NAME_NOT_RESOLVED'))).toEqual([]);
    }, 30_000);
  },
);
