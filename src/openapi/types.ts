// The OpenAPI vocabulary shared by the spec modules: documents, versions, loaded specs, operations.
import type { ConfigProblem, HttpMethod } from '../core/model.js';

/** A parsed OpenAPI / Swagger document. Kept loose on purpose: vendors write every corner of the spec. */
export type OpenApiDocument = Record<string, unknown>;

export type SpecVersion = 'swagger-2.0' | 'openapi-3.0' | 'openapi-3.1';

export interface LoadedSpec {
  /** Absolute file path or URL it came from. */
  source: string;
  version: SpecVersion;
  /** The document as written (Swagger 2.0 converted to OpenAPI 3.0), external files bundled in: only `#/...` refs remain. */
  document: OpenApiDocument;
  /** The spec was written in Swagger 2.0 and converted on load. */
  convertedFrom?: 'swagger-2.0';
  /** sha256 of the spec's text: the spec version's identity in the caches. */
  hash?: string;
  /** With `deferValidation`: the structural check still running (a problem, or undefined when the spec is valid). */
  validation?: Promise<ConfigProblem | undefined>;
  /** When fetched from a URL and the vendor could not be reached: the cached copy was used. */
  stale?: boolean;
}

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'];

/** One operation of a spec, located by a JSON pointer into the document. */
export interface SpecOperation {
  /** `GET /v1/invoices/{id}`: method and path template as the spec writes it. */
  key: string;
  method: HttpMethod;
  path: string;
  /** The template with parameter names erased (`/v1/invoices/{}`): a renamed path parameter is the same operation. */
  template: string;
  /** Pointer segments of the operation object: `['paths', '/v1/invoices/{id}', 'get']`. */
  pointer: string[];
  operation: Record<string, unknown>;
  pathItem: Record<string, unknown>;
  deprecated: boolean;
}
