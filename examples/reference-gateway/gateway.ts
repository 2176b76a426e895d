import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { GatewayDefects } from './defects.js';
import { MessageStore, type GatewayMessage } from './message-store.js';
import { RequestSender } from './request-sender.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import type { GatewayProvider, UnprocessedRecord } from './providers/gateway-provider.js';
import { createGatewayProviders, type GatewayProviderSettings } from './providers/index.js';
import { readSendCommand } from './send-input.js';
import { newStartTag } from './start-tag.js';

/** How to build a reference gateway. */
export interface ReferenceGatewayOptions {
  /** Base URL of the simulator; a function is read at each send (the simulator may start later). */
  simulatorUrl: string | (() => string | undefined);
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** Port to listen on; default 0 (a free one). */
  port?: number;
  /** Per-provider settings over each provider module's defaults. */
  providers?: GatewayProviderSettings;
  /** Switches that make the gateway wrong on purpose; all off by default. */
  defects?: GatewayDefects;
  /** Time source for msgids and history; default `Date.now`. */
  now?: () => number;
  /** How long one provider request may take; default 5000 ms. */
  requestTimeoutMs?: number;
  /** Mixed into every id sent to a provider, so ids differ across starts; default a fresh `newStartTag()`. */
  startTag?: string;
  /** Most requests in flight to one provider at once; default 4. */
  concurrency?: number;
  /** How provider requests are retried (transport errors, 5xx, 429); default `DEFAULT_RETRY_POLICY`. */
  retry?: Partial<RetryPolicy>;
  /** How long callbacks wait for an answer under the `slowCallbackAnswer` defect; default 3000 ms. */
  slowAnswerMs?: number;
  /** Called after every change to a message (created, provider answer, report). */
  onMessageChange?: (message: GatewayMessage) => void;
}

/** A running (or ready to run) reference gateway. */
export interface ReferenceGateway {
  /** The express app: mount it elsewhere, or call `listen()`. */
  readonly app: Express;
  /** `http://host:port` once listening. */
  readonly url: string | undefined;
  /** The gateway's messages (read them; the HTTP API changes them). */
  readonly messages: MessageStore;
  /** Listens on the configured host and port; resolves to the base URL. */
  listen(): Promise<string>;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
  /** Where provider `providerId` must post callbacks of `kind` (default: its first kind). */
  callbackUrl(providerId: string, kind?: string): string;
}

/** A message as `POST /send` and `GET /messages` show it. */
function summary(message: GatewayMessage): Record<string, unknown> {
  const { id, provider, to, reference, status, code, description } = message;
  return {
    id,
    provider,
    to,
    reference,
    status,
    ...(code !== undefined && { code }),
    ...(description !== undefined && { description }),
  };
}

/** A request whose JSON body parser kept the raw bytes. */
type RawBodyRequest = http.IncomingMessage & { rawBody?: Buffer };

const problemBody = (pointer: string, message: string): unknown => ({
  error: { pointer, message },
});

/**
 * A small gateway that sends through provider modules the way CleverTap does and tracks delivery
 * reports: `POST /send`, `POST /callbacks/<provider>[/<kind>]`, `GET /messages`, `GET /messages/:id`.
 */
export function createReferenceGateway(options: ReferenceGatewayOptions): ReferenceGateway {
  const defects = options.defects ?? {};
  let server: http.Server | undefined;
  let listeningUrl: string | undefined;
  const now = options.now ?? Date.now;
  const messages = new MessageStore({
    now,
    ...(options.onMessageChange && { onChange: options.onMessageChange }),
    lastReportWins: defects.lastDlrWins ?? false,
  });
  const providers = createGatewayProviders(options.providers ?? {}, {
    baseUrl() {
      const url =
        typeof options.simulatorUrl === 'function' ? options.simulatorUrl() : options.simulatorUrl;
      if (!url)
        throw new Error('the simulator URL is not known yet (simulatorUrl returned nothing)');
      return url.replace(/\/+$/, '');
    },
    defects,
    now,
    requestTimeoutMs: options.requestTimeoutMs ?? 5000,
    startTag: options.startTag ?? newStartTag(),
    gatewayUrl: () => listeningUrl,
  });
  const knownProviders = (): string => [...providers.keys()].join(', ');
  const sender = new RequestSender({
    concurrency: options.concurrency ?? 4,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    defects,
  });
  // Only the failDuplicateDlr defect needs to remember which records it processed.
  const processedKeys = new Set<string>();

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(
    express.json({
      limit: '5mb',
      // Signatures cover the exact bytes, so providers that sign callbacks get them as received.
      verify: (req, _res, buf) => {
        (req as RawBodyRequest).rawBody = buf;
      },
    }),
  );

  app.post('/send', async (req: Request, res: Response) => {
    const command = readSendCommand(req.body);
    if ('problem' in command) {
      res.status(400).json(problemBody(command.problem.pointer, command.problem.message));
      return;
    }
    const provider = providers.get(command.provider);
    if (!provider) {
      res
        .status(400)
        .json(
          problemBody(
            '/provider',
            `/provider "${command.provider}" is unknown; known: ${knownProviders()}`,
          ),
        );
      return;
    }
    const problem = provider.checkSend(command.input);
    if (problem) {
      res.status(400).json(problemBody(problem.pointer, problem.message));
      return;
    }
    const plans = provider.planRequests(command.input);
    const limit = provider.maxRequestBytes;
    const oversized = plans.find((p) => limit !== undefined && (p.bodyBytes ?? 0) > limit);
    if (oversized && !defects.noSizeCheck) {
      res
        .status(400)
        .json(
          problemBody(
            '/text',
            `the ${provider.id} request would be ${oversized.bodyBytes} bytes; ${provider.id} takes at most ${limit} (shorten /text)`,
          ),
        );
      return;
    }
    const created = plans.map((plan) => messages.create(provider.id, plan.to, plan.reference));
    // Every request goes out through the shared sender: concurrency-limited and retried.
    await Promise.all(
      plans.map(async (plan, i) => {
        const answer = await sender.send(provider.id, plan);
        if (answer.accepted) messages.markSent(created[i]!);
        else messages.markRejected(created[i]!, answer.code, answer.description);
      }),
    );
    res.status(200).json({ messages: created.map(summary) });
  });

  const handleCallback = (
    provider: GatewayProvider,
    kind: string,
    req: Request,
    res: Response,
  ): void => {
    const refuse = (status: number, error: string): void => {
      res
        .status(status)
        .json(provider.callbackAnswerBody({ processed: 0, unprocessed: [], error }));
    };
    const raw = (req as RawBodyRequest).rawBody;
    if (defects.rejectNonAsciiCallbacks && raw && /[^\t\n\r\x20-\x7e]/.test(raw.toString('utf8'))) {
      return refuse(500, 'cannot decode the callback body');
    }
    const parsed = provider.parseCallback(kind, req.body, {
      headers: req.headers,
      rawBody: (req as RawBodyRequest).rawBody ?? Buffer.alloc(0),
    });
    if (!parsed.ok) return refuse(parsed.status, parsed.error);
    if (defects.rejectFailedDlr && parsed.reports.some((r) => r.outcome === 'failed')) {
      return refuse(400, 'failed reports are not accepted');
    }
    if (defects.rejectInbound && parsed.reports.some((r) => r.inbound)) {
      return refuse(400, 'inbound messages are not accepted');
    }
    if (defects.failDuplicateDlr) {
      const repeat = parsed.reports.find((r) => processedKeys.has(r.key));
      if (repeat) {
        return refuse(
          500,
          `the ${repeat.event} report for ${repeat.reference} was already processed`,
        );
      }
    }
    const unprocessed: UnprocessedRecord[] = [...parsed.unprocessed];
    let processed = 0;
    for (const report of parsed.reports) {
      const message = messages.findByReference(provider.id, report.reference);
      if (!message) {
        unprocessed.push({
          code: 404,
          error: `no message has reference ${JSON.stringify(report.reference)}`,
          record: report.group,
        });
        continue;
      }
      messages.applyReport(message, report);
      if (defects.failDuplicateDlr) processedKeys.add(report.key);
      processed++;
    }
    const badFormatOnly =
      processed === 0 && unprocessed.length > 0 && unprocessed.every((u) => u.code === 400);
    res
      .status(badFormatOnly ? 400 : 200)
      .json(provider.callbackAnswerBody({ processed, unprocessed }));
  };

  const callbackRoute = (req: Request, res: Response, next: NextFunction): void => {
    const params = req.params as { provider: string; kind?: string };
    const provider = providers.get(params.provider);
    if (!provider) {
      res
        .status(404)
        .json(problemBody('/path', `no provider "${params.provider}"; known: ${knownProviders()}`));
      return;
    }
    const kind = params.kind ?? provider.callbackKinds[0]!;
    if (!provider.callbackKinds.includes(kind)) {
      res
        .status(404)
        .json(
          problemBody(
            '/path',
            `${provider.id} posts no "${kind}" callbacks; known: ${provider.callbackKinds.join(', ')}`,
          ),
        );
      return;
    }
    if (defects.slowCallbackAnswer) {
      const timer = setTimeout(() => {
        try {
          handleCallback(provider, kind, req, res);
        } catch (error) {
          next(error);
        }
      }, options.slowAnswerMs ?? 3000);
      timer.unref();
      return;
    }
    handleCallback(provider, kind, req, res);
  };
  app.post('/callbacks/:provider', callbackRoute);
  app.post('/callbacks/:provider/:kind', callbackRoute);

  app.get('/health', (_req: Request, res: Response) => {
    res.json({ status: 'ok', providers: [...providers.keys()], messages: messages.list().length });
  });

  app.get('/messages', (req: Request, res: Response) => {
    const { provider, status } = req.query;
    const found = messages
      .list()
      .filter((m) => (typeof provider === 'string' ? m.provider === provider : true))
      .filter((m) => (typeof status === 'string' ? m.status === status : true));
    res.json({ messages: found.map(summary) });
  });

  app.get('/messages/:id', (req: Request, res: Response) => {
    const id = (req.params as { id: string }).id;
    const message = messages.get(id);
    if (!message) {
      res.status(404).json(problemBody('/id', `no message with id "${id}"`));
      return;
    }
    res.json({ ...summary(message), reports: message.reports, history: message.history });
  });

  app.use((req: Request, res: Response) => {
    res
      .status(404)
      .json(
        problemBody(
          '/path',
          `${req.method} ${req.path} does not exist; try POST /send, POST /callbacks/<provider>, GET /messages, GET /messages/<id>, GET /health`,
        ),
      );
  });

  app.use(
    (
      error: Error & { status?: number; type?: string },
      req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
      const message =
        error.type === 'entity.parse.failed'
          ? `body is not valid JSON: ${error.message}`
          : error.message;
      const provider = /^\/callbacks\/([^/]+)/.exec(req.path)?.[1];
      const module = provider === undefined ? undefined : providers.get(provider);
      res
        .status(status)
        .json(
          module
            ? module.callbackAnswerBody({ processed: 0, unprocessed: [], error: message })
            : problemBody('/body', message),
        );
    },
  );

  return {
    app,
    messages,
    get url() {
      return listeningUrl;
    },
    listen() {
      return new Promise((resolve, reject) => {
        const created = http.createServer(app);
        created.once('error', reject);
        created.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
          created.off('error', reject);
          const address = created.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          listeningUrl = `http://${host}:${address.port}`;
          server = created;
          resolve(listeningUrl);
        });
      });
    },
    async close() {
      const closing = server;
      server = undefined;
      if (!closing) return;
      await new Promise<void>((resolve) => {
        closing.close(() => resolve());
        closing.closeAllConnections();
      });
    },
    callbackUrl(providerId, kind) {
      const provider = providers.get(providerId);
      if (!provider)
        throw new Error(`callbackUrl: no provider "${providerId}"; known: ${knownProviders()}`);
      const wanted = kind ?? provider.callbackKinds[0]!;
      const at = provider.callbackKinds.indexOf(wanted);
      if (at < 0) {
        throw new Error(
          `callbackUrl: ${providerId} posts no "${wanted}" callbacks; known: ${provider.callbackKinds.join(', ')}`,
        );
      }
      if (!listeningUrl)
        throw new Error('callbackUrl: the gateway is not listening yet; call listen() first');
      return at === 0
        ? `${listeningUrl}/callbacks/${providerId}`
        : `${listeningUrl}/callbacks/${providerId}/${wanted}`;
    },
  };
}
