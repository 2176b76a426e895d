import { afterEach, describe, expect, it } from 'vitest';
import { startCallbackSink, type CallbackSink } from '../../../test/support/callback-sink.js';
import { ManualClock } from '../clock.js';
import { createRandom } from '../random.js';
import { Scheduler } from '../scheduler.js';
import { CallbackDispatcher, type AttemptReport, type CallbackJob } from './callback-dispatcher.js';

let sink: CallbackSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

const job = (target: string): CallbackJob => ({
  id: 'cb_1',
  provider: 'p',
  kind: 'dlr',
  target,
  body: {},
  payload: '{}',
  headers: { 'x-signed': 'yes' },
  serveEventIds: ['req_1'],
  messageIds: ['m1'],
  retryPolicy: { maxAttempts: 3, initialDelayMs: 100, factor: 2, maxDelayMs: 1000, jitter: 0 },
});

describe('headers got before each attempt', () => {
  it('fails an attempt unsent when they cannot be got, retries it, and sends them once they can', async () => {
    sink = await startCallbackSink();
    const clock = new ManualClock();
    const answers = [
      Promise.reject(new Error('token endpoint answered 503')),
      Promise.resolve({ authorization: 'Bearer fresh' }),
    ];
    const dispatcher = new CallbackDispatcher({
      clock,
      random: () => createRandom('r'),
      scheduler: new Scheduler(clock),
      timeoutMs: 1000,
      allowedHosts: ['127.0.0.0/8'],
      authorize: () => answers.shift(),
    });
    const reports: AttemptReport[] = [];
    dispatcher.observe((report) => reports.push(report));
    dispatcher.dispatch(job(sink.url));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reports).toMatchObject([
      {
        attempt: 1,
        error: 'not sent: token endpoint answered 503',
        verdict: 'retry',
        nextAttemptInMs: 100,
      },
    ]);
    expect(sink.received).toEqual([]);
    clock.advance(100);
    const [callback] = await sink.waitFor(1);
    expect(callback!.headers).toMatchObject({ 'x-signed': 'yes', authorization: 'Bearer fresh' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reports.map((r) => r.verdict)).toEqual(['retry', 'delivered']);
    dispatcher.close();
  });
});

describe('a callback that cannot be sent as asked', () => {
  it('gives up at the first attempt: no retry can mend a header with a line break', async () => {
    sink = await startCallbackSink();
    const clock = new ManualClock();
    const scheduler = new Scheduler(clock);
    const dispatcher = new CallbackDispatcher({
      clock,
      random: () => createRandom('r'),
      scheduler,
      timeoutMs: 1000,
      allowedHosts: ['127.0.0.0/8'],
    });
    const reports: AttemptReport[] = [];
    dispatcher.observe((report) => reports.push(report));
    dispatcher.dispatch({ ...job(sink.url), headers: { 'x-bad': 'a\r\nx-injected: 1' } });
    await expect.poll(() => reports.length).toBe(1);
    expect(reports[0]).toMatchObject({
      attempt: 1,
      error: 'invalid value in callback header "x-bad"',
      verdict: 'give-up',
    });
    expect(scheduler.size).toBe(0);
    expect(dispatcher.stats()).toMatchObject({ pending: 0, givenUp: 1 });
    expect(sink.received).toEqual([]);
    dispatcher.close();
  });
});
