import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from './create-ajv.js';
import { packageRoot } from '../package-root.js';
import type { Diagnostic } from '../types.js';
import { diagnosticsFromAjv } from './diagnostics.js';

/**
 * Values larger than this (estimated JSON bytes) are validated stopping at the first error:
 * collecting every error of a huge hostile value costs time the event loop cannot spare.
 */
const ALL_ERRORS_MAX_BYTES = 64 * 1024;

/**
 * Whether `value`'s estimated JSON size (as the journal estimates it) passes `cap`, found by a
 * walk that stops as soon as it does: a wide object is not listed whole first.
 */
function largerThan(value: unknown, cap: number): boolean {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') total += node.length + 2;
    else if (node === null || typeof node !== 'object') total += 8;
    else if (Array.isArray(node)) {
      total += 2 + node.length;
      if (total > cap) return true;
      for (const item of node as unknown[]) stack.push(item);
    } else {
      total += 2;
      for (const key in node) {
        total += key.length + 4;
        if (total > cap) return true;
        stack.push((node as Record<string, unknown>)[key]);
      }
    }
    if (total > cap) return true;
  }
  return false;
}

/** Base of every schema `$id`; a schema's short id is the path after it without `.schema.json`. */
export const SCHEMA_ID_BASE = 'https://provider-sim.dev/schemas/';

/** A JSON Schema document as loaded from disk. */
export type SchemaDocument = Record<string, unknown> & { $id?: string };

/** Every `*.schema.json` below `dir`, keyed by short id (`sinch-sms/send-request`). */
export function readSchemaFolder(dir: string): Map<string, SchemaDocument> {
  const found = new Map<string, SchemaDocument>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'examples') walk(full);
      } else if (entry.name.endsWith('.schema.json')) {
        const id = relative(dir, full)
          .split(sep)
          .join('/')
          .replace(/\.schema\.json$/, '');
        found.set(id, JSON.parse(readFileSync(full, 'utf8')) as SchemaDocument);
      }
    }
  };
  walk(dir);
  return found;
}

/** Compiles each schema once, on first use, and validates values into diagnostics. */
export class SchemaRegistry {
  private readonly ajv: Ajv2020;
  /** The same schemas compiled to stop at the first error, for large values; built on first use. */
  private firstErrorAjv: Ajv2020 | undefined;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly compiledFirstError = new Map<string, ValidateFunction>();
  private readonly documents: Map<string, SchemaDocument>;

  constructor(
    documents: Map<string, SchemaDocument> = readSchemaFolder(join(packageRoot(), 'schemas')),
  ) {
    this.documents = documents;
    // Strict, except that conditional branches may require properties declared on the parent schema.
    this.ajv = createAjv({
      strict: true,
      strictRequired: false,
      allErrors: true,
      discriminator: true,
    });
    for (const [id, document] of documents) {
      const expected = `${SCHEMA_ID_BASE}${id}.schema.json`;
      if (document.$id !== expected) {
        throw new Error(
          `schema ${id}: $id must be "${expected}", found ${JSON.stringify(document.$id)}`,
        );
      }
      this.ajv.addSchema(document);
    }
  }

  /** Short ids of every known schema. */
  ids(): string[] {
    return [...this.documents.keys()].sort();
  }

  /** The schema document for a short id, or undefined. */
  document(id: string): SchemaDocument | undefined {
    return this.documents.get(id);
  }

  /** Compiles (once) and returns the validator for `id`; throws for an unknown id. */
  validator(id: string): ValidateFunction {
    let fn = this.compiled.get(id);
    if (!fn) {
      if (!this.documents.has(id))
        throw new Error(`unknown schema "${id}"; known: ${this.ids().join(', ')}`);
      fn = this.ajv.getSchema(`${SCHEMA_ID_BASE}${id}.schema.json`);
      if (!fn) throw new Error(`schema "${id}" failed to compile`);
      this.compiled.set(id, fn);
    }
    return fn;
  }

  /** Compiles every schema now (they otherwise compile on first use), e.g. before a timed run. */
  compileAll(): void {
    for (const id of this.documents.keys()) this.validator(id);
  }

  /** The validator for `id` that stops at its first error (compiled on first use). */
  private firstErrorValidator(id: string): ValidateFunction {
    let fn = this.compiledFirstError.get(id);
    if (!fn) {
      this.validator(id);
      if (!this.firstErrorAjv) {
        const ajv = createAjv({ strict: true, strictRequired: false, discriminator: true });
        for (const document of this.documents.values()) ajv.addSchema(document);
        this.firstErrorAjv = ajv;
      }
      fn = this.firstErrorAjv.getSchema(`${SCHEMA_ID_BASE}${id}.schema.json`)!;
      this.compiledFirstError.set(id, fn);
    }
    return fn;
  }

  /**
   * Validates `value` against schema `id`; an empty array means valid. Small values get every
   * finding (up to `MAX_DIAGNOSTICS`); large ones the first, so hostile input stays cheap.
   */
  validate(id: string, value: unknown): Diagnostic[] {
    const large = largerThan(value, ALL_ERRORS_MAX_BYTES);
    const fn = large ? this.firstErrorValidator(id) : this.validator(id);
    if (fn(value)) return [];
    return diagnosticsFromAjv(fn.errors ?? []);
  }
}
