/** A JSON object read loosely: any key, unknown values. */
export type JsonFields = Record<string, unknown>;

/** `value` if it is a string, else undefined. */
export const asText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** A string or number as text, anything else as ''. */
export const asScalar = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** `value` as an object to read fields from ({} when it is not one). */
export const asFields = (value: unknown): JsonFields =>
  value !== null && typeof value === 'object' ? (value as JsonFields) : {};

/** `value` as an array of objects ([] when it is not an array). */
export const asList = (value: unknown): JsonFields[] =>
  Array.isArray(value) ? (value as JsonFields[]) : [];
