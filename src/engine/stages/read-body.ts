import { answerError, type RequestContext } from '../request-context.js';
import {
  describeShapeExcess,
  findJsonShapeExcess,
  shapeLimitsOf,
} from '../validation/json-depth.js';
import { describeParseError } from '../validation/parse-error.js';

type ReadResult =
  { ok: true; body: Buffer } | { ok: false; tooLarge: true } | { ok: false; aborted: true };

/** Reads the whole body, stopping as soon as it passes `limit` bytes. */
function readRaw(ctx: RequestContext, limit: number): Promise<ReadResult> {
  const declared = Number(ctx.req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    return Promise.resolve({ ok: false, tooLarge: true });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const req = ctx.req;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        resolve({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve({ ok: true, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
    };
    const onAbort = (): void => {
      cleanup();
      resolve({ ok: false, aborted: true });
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('aborted', onAbort);
  });
}

/** Fields of a form body, counted as its `&`-separated parts (empty parts included). */
function countFormFields(body: Buffer): number {
  let fields = 1;
  for (let at = body.indexOf(0x26); at !== -1; at = body.indexOf(0x26, at + 1)) fields++;
  return fields;
}

const mediaType = (header: string | undefined): string | undefined =>
  header?.split(';')[0]?.trim().toLowerCase() || undefined;

const isJsonType = (type: string): boolean => type === 'application/json' || type.endsWith('+json');

/** Reads and parses the body as the route declares, answering 413/415/malformed in the provider's format. */
export function readBody(ctx: RequestContext): void | Promise<void> {
  const mode = ctx.route!.definition.body ?? 'json';
  if (mode === 'none') {
    ctx.req.resume();
    return;
  }
  // A plain continuation, not async/await: one promise less per request on the hot path.
  return readRaw(ctx, ctx.engine.config.bodyLimitBytes).then((raw) => takeBody(ctx, raw));
}

/** Answers an oversized or cut-off body, else parses it as the route declares. */
function takeBody(ctx: RequestContext, raw: ReadResult): void {
  const route = ctx.route!.definition;
  const mode = route.body ?? 'json';
  const limit = ctx.engine.config.bodyLimitBytes;
  if (!raw.ok) {
    if ('tooLarge' in raw) {
      answerError(ctx, 'payload_too_large', `request body exceeds the limit of ${limit} bytes`);
      // The rest of an oversized body is not read: close the connection once answered.
      ctx.response!.headers = { ...ctx.response!.headers, connection: 'close' };
    } else {
      answerError(ctx, 'malformed_body', 'the request body was cut off before it ended');
    }
    return;
  }
  ctx.request.rawBody = raw.body;
  const type = mediaType(ctx.req.headers['content-type']);
  const missingOk = type === undefined && (route.allowMissingContentType ?? false);
  if (mode === 'json') {
    if (!(missingOk || (type !== undefined && isJsonType(type)))) {
      answerError(
        ctx,
        'unsupported_media_type',
        `Content-Type must be application/json, got ${type ?? 'none'}`,
        '/headers/content-type',
      );
      return;
    }
    if (raw.body.length === 0) {
      answerError(ctx, 'malformed_body', 'the request body is empty; expected a JSON document');
      return;
    }
    // Checked on the bytes before parsing, so a hostile nesting, a wide object or a flood of tiny
    // values costs one linear scan and never reaches the parser, the validator or the journal.
    const limits = shapeLimitsOf(ctx.engine.config.limits);
    const excess = findJsonShapeExcess(raw.body, limits);
    if (excess) {
      answerError(ctx, 'malformed_body', describeShapeExcess(excess, limits));
      return;
    }
    const text = raw.body.toString('utf8');
    try {
      ctx.request.body = JSON.parse(text);
    } catch (error) {
      answerError(
        ctx,
        'malformed_body',
        describeParseError(error as Error, text, ctx.provider.secretFields),
      );
    }
    return;
  }
  if (!(missingOk || type === 'application/x-www-form-urlencoded')) {
    answerError(
      ctx,
      'unsupported_media_type',
      `Content-Type must be application/x-www-form-urlencoded, got ${type ?? 'none'}`,
      '/headers/content-type',
    );
    return;
  }
  // Each field becomes a member of one object: bounded like a JSON object's members.
  const maxFields = ctx.engine.config.limits.maxObjectKeys;
  if (countFormFields(raw.body) > maxFields) {
    answerError(
      ctx,
      'malformed_body',
      `the request body has more than ${maxFields} form fields (limits.maxObjectKeys)`,
    );
    return;
  }
  ctx.request.body = Object.fromEntries(new URLSearchParams(raw.body.toString('utf8')));
}
