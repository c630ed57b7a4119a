// Operations of a spec, and a version-neutral view of each (parameters, request body, responses, security).
import type { HttpMethod } from '../core/model.js';
import { asRecord, isRecord, resolveRefs, resolveWithPointer, type JsonRecord } from './refs.js';
import { HTTP_METHODS, type OpenApiDocument, type SpecOperation, type SpecVersion } from './types.js';

export function specVersionOf(doc: OpenApiDocument): SpecVersion | undefined {
  if (typeof doc.swagger === 'string' && doc.swagger.startsWith('2.')) return 'swagger-2.0';
  if (typeof doc.openapi === 'string') {
    if (doc.openapi.startsWith('3.0')) return 'openapi-3.0';
    if (doc.openapi.startsWith('3.1') || doc.openapi.startsWith('3.2')) return 'openapi-3.1';
  }
  return undefined;
}

/** `/v1/invoices/{id}` -> `/v1/invoices/{}`: parameter names do not make a different operation. */
export function templateOf(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed.replace(/\{[^}/]*\}/g, '{}');
}

export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

export function listOperations(doc: OpenApiDocument): SpecOperation[] {
  const out: SpecOperation[] = [];
  const paths = asRecord(doc.paths) ?? {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const pathItem = asRecord(resolveRefs(doc, rawItem));
    if (!pathItem) continue;
    for (const method of HTTP_METHODS) {
      const operation = asRecord(pathItem[method.toLowerCase()]);
      if (!operation) continue;
      out.push({
        key: operationKey(method, path),
        method,
        path,
        template: templateOf(path),
        pointer: ['paths', path, method.toLowerCase()],
        operation,
        pathItem,
        deprecated: operation.deprecated === true,
      });
    }
  }
  return out;
}

/**
 * The webhooks a document describes (3.1 `webhooks`, and GitHub's `x-webhooks` in 3.0): each is a path item whose
 * request body is the payload the vendor sends. Keyed `webhook <name>` (with the method when there are several).
 */
export function listWebhooks(doc: OpenApiDocument): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const section of ['webhooks', 'x-webhooks'] as const) {
    for (const [name, rawItem] of Object.entries(asRecord(doc[section]) ?? {})) {
      const pathItem = asRecord(resolveRefs(doc, rawItem));
      if (!pathItem) continue;
      const methods = HTTP_METHODS.filter((m) => isRecord(pathItem[m.toLowerCase()]));
      for (const method of methods) {
        const operation = pathItem[method.toLowerCase()] as Record<string, unknown>;
        out.push({
          key: methods.length === 1 ? `webhook ${name}` : `webhook ${name} (${method})`,
          method,
          path: name,
          template: name,
          pointer: [section, name, method.toLowerCase()],
          operation,
          pathItem,
          deprecated: operation.deprecated === true,
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The version-neutral view: Swagger 2.0 parameters/produces/consumes become OpenAPI 3 shapes.

export interface ParameterView {
  name: string;
  in: string;
  required: boolean;
  /** A Schema Object (Swagger 2.0 non-body parameters carry their schema keywords inline). */
  schema: unknown;
  deprecated: boolean;
  /** How the value is serialised (OpenAPI 3 `style`/`explode`, Swagger `collectionFormat`), defaults filled in. */
  style: string;
  explode: boolean;
  /** `x-sunset` on the parameter, when given. */
  sunset?: string;
}

export interface HeaderView {
  required: boolean;
  schema: unknown;
  deprecated: boolean;
}

export interface MediaView {
  schema: unknown;
  /** Pointer segments of the schema in the document (for the validator). */
  pointer: string[];
}

export interface ResponseView {
  /** Media type -> schema; an empty map when the response documents no body. */
  content: Record<string, MediaView>;
  /** Response headers by lower-cased name. */
  headers: Record<string, HeaderView>;
}

export interface OperationView {
  op: SpecOperation;
  parameters: ParameterView[];
  requestBody?: { required: boolean; content: Record<string, MediaView> };
  /** Status code (`200`, `2XX`, `default`) -> response. */
  responses: Record<string, ResponseView>;
  /** Effective security requirements (operation's, else the document's); undefined means none declared. */
  security: Array<Record<string, string[]>> | undefined;
}

const SWAGGER_SCHEMA_KEYS = [
  'type', 'format', 'items', 'collectionFormat', 'default', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum',
  'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'enum', 'multipleOf', 'x-nullable',
];

function pick(source: JsonRecord, keys: readonly string[]): JsonRecord {
  const out: JsonRecord = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function mediaTypes(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') && value.length > 0 ? (value as string[]) : fallback;
}

export function viewOperation(doc: OpenApiDocument, op: SpecOperation): OperationView {
  const version = specVersionOf(doc) ?? 'openapi-3.0';
  const swagger = version === 'swagger-2.0';
  const byKey = new Map<string, { param: JsonRecord; pointer: string[] }>();
  const collect = (list: unknown, base: string[]): void => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const { value, pointer } = resolveWithPointer(doc, raw, [...base, String(i)]);
      const param = asRecord(value);
      if (!param || typeof param.name !== 'string' || typeof param.in !== 'string') return;
      byKey.set(`${param.in}:${param.name.toLowerCase()}`, { param, pointer });
    });
  };
  collect(op.pathItem.parameters, ['paths', op.path, 'parameters']);
  collect(op.operation.parameters, [...op.pointer, 'parameters']);

  const parameters: ParameterView[] = [];
  let requestBody: OperationView['requestBody'];
  const consumes = mediaTypes(op.operation.consumes ?? doc.consumes, ['application/json']);
  const formFields: JsonRecord = {};
  const formRequired: string[] = [];
  for (const { param, pointer } of byKey.values()) {
    const name = param.name as string;
    const where = param.in as string;
    if (swagger && where === 'body') {
      requestBody = {
        required: param.required === true,
        content: Object.fromEntries(consumes.map((m) => [m, { schema: param.schema, pointer: [...pointer, 'schema'] }])),
      };
      continue;
    }
    if (swagger && where === 'formData') {
      formFields[name] = pick(param, SWAGGER_SCHEMA_KEYS);
      if (param.required === true) formRequired.push(name);
      continue;
    }
    let schema: unknown = swagger ? pick(param, SWAGGER_SCHEMA_KEYS) : param.schema;
    if (!swagger && schema === undefined && isRecord(param.content)) {
      const first = Object.values(param.content)[0];
      schema = asRecord(first)?.schema;
    }
    const style = typeof param.style === 'string' ? param.style : swagger ? collectionStyle(param.collectionFormat) : where === 'query' || where === 'cookie' ? 'form' : 'simple';
    const explode = typeof param.explode === 'boolean' ? param.explode : swagger ? param.collectionFormat === 'multi' : style === 'form';
    parameters.push({
      name,
      in: where,
      required: param.required === true || where === 'path',
      schema,
      deprecated: param.deprecated === true,
      style,
      explode,
      ...(typeof param['x-sunset'] === 'string' ? { sunset: param['x-sunset'] } : {}),
    });
  }
  if (swagger && Object.keys(formFields).length > 0) {
    const schema = { type: 'object', properties: formFields, required: formRequired };
    const forms = consumes.filter((m) => m.includes('form'));
    requestBody = {
      required: formRequired.length > 0,
      content: Object.fromEntries((forms.length ? forms : ['application/x-www-form-urlencoded']).map((m) => [m, { schema, pointer: [] }])),
    };
  }
  if (!swagger) {
    const { value, pointer } = resolveWithPointer(doc, op.operation.requestBody, [...op.pointer, 'requestBody']);
    const body = asRecord(value);
    if (body) requestBody = { required: body.required === true, content: contentOf(doc, body.content, [...pointer, 'content']) };
  }

  const responses: Record<string, ResponseView> = {};
  const produces = mediaTypes(op.operation.produces ?? doc.produces, ['application/json']);
  for (const [status, raw] of Object.entries(asRecord(op.operation.responses) ?? {})) {
    if (status.startsWith('x-')) continue;
    const { value, pointer } = resolveWithPointer(doc, raw, [...op.pointer, 'responses', status]);
    const response = asRecord(value);
    if (!response) continue;
    const headers = headersOf(doc, response.headers, swagger);
    if (swagger) {
      responses[status] = {
        content:
          response.schema === undefined
            ? {}
            : Object.fromEntries(produces.map((m) => [m, { schema: response.schema, pointer: [...pointer, 'schema'] }])),
        headers,
      };
    } else {
      responses[status] = { content: contentOf(doc, response.content, [...pointer, 'content']), headers };
    }
  }

  const rawSecurity = op.operation.security ?? doc.security;
  const security = Array.isArray(rawSecurity)
    ? rawSecurity.filter(isRecord).map((req) =>
        Object.fromEntries(Object.entries(req).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : []])),
      )
    : undefined;
  return { op, parameters, ...(requestBody ? { requestBody } : {}), responses, security };
}

/** Swagger 2.0 `collectionFormat` as the OpenAPI 3 style it became. */
function collectionStyle(format: unknown): string {
  switch (format) {
    case 'ssv':
      return 'spaceDelimited';
    case 'pipes':
      return 'pipeDelimited';
    case 'multi':
      return 'form';
    default:
      return format === 'tsv' ? 'tsv' : 'form';
  }
}

function headersOf(doc: OpenApiDocument, raw: unknown, swagger: boolean): Record<string, HeaderView> {
  const out: Record<string, HeaderView> = {};
  for (const [name, value] of Object.entries(asRecord(raw) ?? {})) {
    const header = asRecord(resolveRefs(doc, value));
    if (!header) continue;
    const schema = swagger ? pick(header, SWAGGER_SCHEMA_KEYS) : (header.schema ?? asRecord(Object.values(asRecord(header.content) ?? {})[0])?.schema);
    out[name.toLowerCase()] = { required: header.required === true, schema, deprecated: header.deprecated === true };
  }
  return out;
}

function contentOf(doc: OpenApiDocument, content: unknown, pointer: string[]): Record<string, MediaView> {
  const out: Record<string, MediaView> = {};
  for (const [media, raw] of Object.entries(asRecord(content) ?? {})) {
    const mediaObject = asRecord(resolveRefs(doc, raw));
    out[media] = { schema: mediaObject?.schema, pointer: [...pointer, media, 'schema'] };
  }
  return out;
}

export type { HttpMethod };
