import type { ErrorObject } from 'ajv/dist/2020.js';
import { isPlainObject } from '../deep-merge.js';
import { SimError } from '../errors.js';

/** Value at a JSON pointer, for error messages. */
function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const part of pointer.split('/').slice(1)) {
    if (!isPlainObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** A SimError naming the field an ajv error is about, what it expected and what it found. */
export function configError(error: ErrorObject, root: unknown, prefix = ''): SimError {
  const params = error.params as Record<string, unknown>;
  let at = error.instancePath;
  let expected = error.message ?? 'must be valid';
  if (error.keyword === 'additionalProperties') {
    at += `/${String(params.additionalProperty)}`;
    expected = 'is not a known field (check the spelling)';
  } else if (error.keyword === 'required') {
    at += `/${String(params.missingProperty)}`;
    expected = 'is required';
  } else if (error.keyword === 'enum') {
    expected = `must be one of ${JSON.stringify(params.allowedValues)}`;
  }
  const pointer = `${prefix}${at}` || '/';
  const actual = valueAt(root, at);
  const shown = actual === undefined ? 'nothing' : JSON.stringify(actual);
  return new SimError('invalid-config', pointer, `config ${pointer}: ${expected}, got ${shown}`, {
    expected,
    actual,
  });
}
