// defineConnector(): a connector written in code, checked by the same schema as connector.yaml, defaults filled.
import { dirname } from 'node:path';
import type { AuthConfig, Connector, HttpMethod, IgnoreEntry, OwnerRef, Severity } from '../core/model.js';
import { ConfigError } from './errors.js';
import { validateConnector } from './validate-connector.js';

/** An endpoint as written: only `id` and `path` are required. */
export interface EndpointInput {
  id: string;
  /** Default GET. */
  method?: HttpMethod;
  /** Must start with `/`; appended to the connector's baseUrl. */
  path: string;
  query?: Record<string, string | number | boolean>;
  headers?: Record<string, string | number | boolean>;
  /** Default 200. */
  expectStatus?: number;
}

/** A connector as people write it (connector.yaml or code): optional fields optional, no defaults filled. */
export interface ConnectorInput {
  name: string;
  vendor?: string;
  description?: string;
  owner: OwnerRef;
  dataOwner?: string;
  runbook?: string;
  businessProcess?: string;
  failureMode?: string;
  baseUrl: string;
  /** Default 10 000. */
  timeoutMs?: number;
  /** Default 20 MiB. */
  maxBodyBytes?: number;
  /** Default 4. */
  concurrency?: number;
  /** Default `{ type: 'none' }`. */
  auth?: AuthConfig;
  schedule?: string;
  timezone?: string;
  spec?: string;
  endpoints: EndpointInput[];
  severity?: Record<string, Severity>;
  ignore?: IgnoreEntry[];
  /** `liveUnsafe`: interaction descriptions with unsafe methods that `verify --live` may send. */
  pact?: { liveUnsafe?: string[] };
}

/**
 * Validates a connector written in code and returns it normalised. Throws ConfigError (with
 * `.problems`) when invalid: in code, a bad connector is a programming error at startup.
 */
export function defineConnector(input: ConnectorInput, where?: { file?: string; dir?: string }): Connector {
  const file = where?.file ?? '';
  // Only an explicit dir holds `name` to the folder name: a file alone may live anywhere in a codebase.
  const result = validateConnector(input, {
    file: file === '' ? '<defineConnector>' : file,
    ...(where?.dir !== undefined ? { dir: where.dir } : {}),
  });
  if (!result.connector) throw new ConfigError(result.problems);
  return { ...result.connector, file, dir: where?.dir ?? (file === '' ? '' : dirname(file)) };
}
