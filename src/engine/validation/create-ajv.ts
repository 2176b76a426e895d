import { Ajv2020, type Options } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

/** A draft 2020-12 validator with the standard formats (date-time, uri, regex, ...). */
export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ allowUnionTypes: true, ...options });
  // ajv-formats is CommonJS: under NodeNext its plugin function is the module's `default` property.
  (ajvFormats as unknown as { default: (ajv: Ajv2020) => void }).default(ajv);
  return ajv;
}
