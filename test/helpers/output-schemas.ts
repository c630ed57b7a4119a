// Validators for driftwatch's machine outputs: the JSON Schemas published in docs/schemas/ and the official SARIF 2.1.0
// schema (shipped by the dev dependency @microsoft/jest-sarif; its jest matchers are not used, only the schema file).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const SCHEMAS = fileURLToPath(new URL('../../docs/schemas/', import.meta.url));

let published: Ajv2020 | undefined;

function publishedAjv(): Ajv2020 {
  if (published) return published;
  published = new Ajv2020({ allErrors: true, strict: true });
  addFormatsModule.default(published);
  for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json'))) {
    published.addSchema(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as object);
  }
  return published;
}

/** The published schema's verdict on one output: [] when valid, else ajv's errors as `path message` lines. */
export function schemaErrors(kind: string, document: unknown): string[] {
  const validate = publishedAjv().getSchema(`${kind}.schema.json`);
  if (!validate) throw new Error(`no docs/schemas/${kind}.schema.json`);
  return validate(document) ? [] : errorLines(validate);
}

let sarif: ValidateFunction | undefined;

/**
 * The official SARIF 2.1.0 schema is draft-04 (`id`, no `$id`); it uses nothing draft-04 reads differently from
 * draft-07 (no boolean exclusiveMinimum/Maximum), so ajv 8 checks it as draft-07 once `id` is named `$id`.
 */
export function sarifErrors(log: unknown): string[] {
  if (!sarif) {
    const require = createRequire(import.meta.url);
    const file = join(require.resolve('@microsoft/jest-sarif/package.json'), '..', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
    const { id, $schema: _draft04, ...schema } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    // Its language-tag pattern is not valid under the `u` flag ajv uses by default.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormatsModule.default(ajv);
    sarif = ajv.compile({ ...schema, $id: String(id) });
  }
  return sarif(log) ? [] : errorLines(sarif);
}

function errorLines(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
