// OpenAPI Schema Objects -> JSON Schema ajv can run, judged as a *response* (what the vendor promises to send).
import { isRecord, refSegments, getAtPointer, resolveRefs, type JsonRecord } from './refs.js';
import type { OpenApiDocument, SpecVersion } from './types.js';

const SCHEMA_MAP_KEYS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_KEYS = [
  'items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else',
  'unevaluatedProperties', 'unevaluatedItems', 'additionalItems',
];
const SCHEMA_LIST_KEYS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

export interface ConvertContext {
  doc: OpenApiDocument;
  version: SpecVersion;
  /** Every `format` met, so the validator can register the ones ajv-formats does not know as "anything goes". */
  formats: Set<string>;
}

/**
 * Converts one Schema Object (recursively). Policy, from the consumer's side:
 * - OpenAPI 3.0 `nullable` / Swagger `x-nullable` become a `null` type (or an `anyOf` with null when there is no type);
 * - `oneOf` is judged as `anyOf`: specs routinely write overlapping branches, and a payload that fits two documented
 *   variants has not broken any promise a consumer can rely on;
 * - a `discriminator` next to `oneOf`/`anyOf` selects the branch its value names (if/then), so a `cat` must be a Cat;
 * - `writeOnly` properties are never required in a response; Swagger 2.0 boolean `exclusiveMinimum` is rewritten;
 * - a value equal to the schema's documented `default` passes its `format` (the vendor promised it).
 */
function convertSchema(schema: unknown, ctx: ConvertContext): unknown {
  if (!isRecord(schema)) return schema;
  const legacy = ctx.version !== 'openapi-3.1';
  if (typeof schema.$ref === 'string' && legacy) return { $ref: schema.$ref };
  const out: JsonRecord = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-') || key === 'discriminator' || key === 'nullable' || key === '$schema' || key === 'example' || key === 'xml') continue;
    if (SCHEMA_MAP_KEYS.includes(key) && isRecord(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertSchema(v, ctx)]));
    } else if (SCHEMA_KEYS.includes(key)) {
      out[key] = Array.isArray(value) ? value.map((v) => convertSchema(v, ctx)) : convertSchema(value, ctx);
    } else if (SCHEMA_LIST_KEYS.includes(key) && Array.isArray(value)) {
      out[key === 'oneOf' ? 'anyOf' : key] = value.map((v) => convertSchema(v, ctx));
    } else {
      out[key] = value;
    }
  }
  if (typeof out.format === 'string') {
    ctx.formats.add(out.format);
    // The spec's own documented default always passes: GitHub documents `format: uri, default: ""` and sends "".
    if (out.default !== undefined) {
      out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), { anyOf: [{ format: out.format }, { const: out.default }] }];
      delete out.format;
    }
  }
  if (out.type === 'file') delete out.type;
  if (legacy) rewriteExclusive(out);
  if (Array.isArray(out.required) && isRecord(out.properties)) {
    const props = isRecord(schema.properties) ? schema.properties : {};
    const required = out.required.filter((name) => !(typeof name === 'string' && isWriteOnly(ctx.doc, props[name])));
    if (required.length > 0) out.required = required;
    else delete out.required;
  }
  // Both oneOf and anyOf may be present; they become one anyOf list each, kept apart with allOf.
  if (Array.isArray(schema.oneOf) && Array.isArray(schema.anyOf)) {
    out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), { anyOf: schema.anyOf.map((v) => convertSchema(v, ctx)) }];
    out.anyOf = schema.oneOf.map((v) => convertSchema(v, ctx));
  }
  const select = discriminatorSelection(schema, ctx);
  if (select.length > 0) out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), ...select];

  const nullable = legacy && (schema.nullable === true || schema['x-nullable'] === true);
  if (!nullable) return out;
  if (typeof out.type === 'string' || Array.isArray(out.type)) {
    const types = Array.isArray(out.type) ? out.type : [out.type];
    if (!types.includes('null')) out.type = [...types, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

function rewriteExclusive(out: JsonRecord): void {
  if (out.exclusiveMinimum === true && typeof out.minimum === 'number') {
    out.exclusiveMinimum = out.minimum;
    delete out.minimum;
  } else if (typeof out.exclusiveMinimum === 'boolean') delete out.exclusiveMinimum;
  if (out.exclusiveMaximum === true && typeof out.maximum === 'number') {
    out.exclusiveMaximum = out.maximum;
    delete out.maximum;
  } else if (typeof out.exclusiveMaximum === 'boolean') delete out.exclusiveMaximum;
}

function isWriteOnly(doc: OpenApiDocument, property: unknown): boolean {
  const resolved = resolveRefs(doc, property);
  return isRecord(resolved) && resolved.writeOnly === true;
}

/** `if the discriminator property says X, then the schema X maps to`: one entry per mapped (or implied) value. */
function discriminatorSelection(schema: JsonRecord, ctx: ConvertContext): JsonRecord[] {
  const disc = schema.discriminator;
  if (!isRecord(disc) || typeof disc.propertyName !== 'string') return [];
  const branches = [...(Array.isArray(schema.oneOf) ? schema.oneOf : []), ...(Array.isArray(schema.anyOf) ? schema.anyOf : [])];
  if (branches.length === 0) return [];
  const property = disc.propertyName;
  const mapping = new Map<string, string>();
  if (isRecord(disc.mapping)) {
    for (const [value, target] of Object.entries(disc.mapping)) {
      if (typeof target !== 'string') continue;
      mapping.set(value, target.startsWith('#') ? target : `#/components/schemas/${target}`);
    }
  } else {
    for (const branch of branches) {
      if (isRecord(branch) && typeof branch.$ref === 'string') {
        const name = branch.$ref.split('/').pop();
        if (name) mapping.set(name, branch.$ref);
      }
    }
  }
  const out: JsonRecord[] = [];
  for (const [value, ref] of mapping) {
    const segments = refSegments(ref);
    if (segments === undefined || getAtPointer(ctx.doc, segments) === undefined) continue;
    // `type: object` in the condition: an array branch (a directory listing) must not trigger every mapping.
    out.push({ if: { type: 'object', properties: { [property]: { const: value } }, required: [property] }, then: { $ref: ref } });
  }
  return out;
}

/** Where Schema Objects live in an OpenAPI/Swagger document (the places a `$ref` from a response can land). */
function forEachSchemaSlot(doc: JsonRecord, version: SpecVersion, visit: (holder: JsonRecord, key: string) => void): void {
  const each = (value: unknown, fn: (v: JsonRecord) => void): void => {
    if (isRecord(value)) for (const v of Object.values(value)) if (isRecord(v)) fn(v);
  };
  const content = (holder: JsonRecord): void => each(holder.content, (media) => 'schema' in media && visit(media, 'schema'));
  const parameter = (param: JsonRecord): void => {
    if ('schema' in param) visit(param, 'schema');
    content(param);
  };
  const headers = (holder: JsonRecord): void => each(holder.headers, (h) => parameter(h));
  const response = (res: JsonRecord): void => {
    if (version === 'swagger-2.0' && 'schema' in res) visit(res, 'schema');
    content(res);
    headers(res);
  };
  const operation = (op: JsonRecord): void => {
    if (Array.isArray(op.parameters)) for (const p of op.parameters) if (isRecord(p)) parameter(p);
    if (isRecord(op.requestBody)) content(op.requestBody);
    each(op.responses, response);
  };
  each(doc.paths, (item) => {
    if (Array.isArray(item.parameters)) for (const p of item.parameters) if (isRecord(p)) parameter(p);
    for (const method of ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']) {
      if (isRecord(item[method])) operation(item[method]);
    }
  });
  if (version === 'swagger-2.0') {
    if (isRecord(doc.definitions)) for (const key of Object.keys(doc.definitions)) visit(doc.definitions, key);
    each(doc.parameters, parameter);
    each(doc.responses, response);
    return;
  }
  const components = isRecord(doc.components) ? doc.components : {};
  if (isRecord(components.schemas)) for (const key of Object.keys(components.schemas)) visit(components.schemas, key);
  each(components.parameters, parameter);
  each(components.headers, parameter);
  each(components.responses, response);
  each(components.requestBodies, content);
}

/** A copy of the whole document with every Schema Object converted; $refs keep pointing at the same places. */
export function convertDocument(doc: OpenApiDocument, version: SpecVersion): { document: OpenApiDocument; formats: Set<string> } {
  const copy = structuredClone(doc);
  const ctx: ConvertContext = { doc, version, formats: new Set() };
  forEachSchemaSlot(copy, version, (holder, key) => {
    holder[key] = convertSchema(holder[key], ctx);
  });
  return { document: copy, formats: ctx.formats };
}
