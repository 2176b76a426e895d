import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../types.js';

/** A pointer and message a person can act on, from one ajv error. */
function describe(error: ErrorObject): { pointer: string; message: string } {
  const params = error.params as Record<string, unknown>;
  const at = error.instancePath || '';
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return { pointer: `${at}/${missing}`, message: `${at}/${missing} is required` };
    }
    case 'unevaluatedProperties': {
      const extra = String(params.unevaluatedProperty);
      return { pointer: `${at}/${extra}`, message: `${at}/${extra} is not allowed here` };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      return { pointer: `${at}/${extra}`, message: `${at}/${extra} is not allowed here` };
    }
    case 'enum':
      return {
        pointer: at,
        message: `${at || 'body'} must be one of ${JSON.stringify(params.allowedValues)}`,
      };
    case 'discriminator': {
      const tag = String(params.tag);
      const value = JSON.stringify(params.tagValue);
      return {
        pointer: `${at}/${tag}`,
        message: `${at}/${tag} ${value} is not one of the documented values`,
      };
    }
    default:
      return { pointer: at, message: `${at || 'body'} ${error.message ?? 'is invalid'}` };
  }
}

/** Most diagnostics kept for one value: enough to fix a request, bounded for hostile ones. */
export const MAX_DIAGNOSTICS = 20;

/**
 * Turns ajv errors into diagnostics, dropping the noise ajv adds for failed `if`/`oneOf` branches.
 * Keeps at most `MAX_DIAGNOSTICS`.
 */
export function diagnosticsFromAjv(errors: readonly ErrorObject[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (out.length >= MAX_DIAGNOSTICS) break;
    if (error.keyword === 'if') continue;
    const { pointer, message } = describe(error);
    if (seen.has(message)) continue;
    seen.add(message);
    out.push({ pointer, keyword: error.keyword, message, severity: 'error' });
  }
  return out;
}

/**
 * Appends `more` to `into` one by one (no argument spread), up to `MAX_DIAGNOSTICS`; past it only
 * a first error is still added, so warnings can never crowd out the error that answers.
 */
export function appendDiagnostics(into: Diagnostic[], more: readonly Diagnostic[]): void {
  let hasError = into.some((d) => d.severity === 'error');
  for (const diagnostic of more) {
    if (into.length < MAX_DIAGNOSTICS || (!hasError && diagnostic.severity === 'error')) {
      into.push(diagnostic);
      hasError ||= diagnostic.severity === 'error';
    } else if (hasError) return;
  }
}

/** The first error-severity diagnostic, or undefined. */
export function firstError(diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
  return diagnostics.find((d) => d.severity === 'error');
}
