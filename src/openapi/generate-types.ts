// TypeScript types from a connector's spec (openapi-typescript), written beside its connector.yaml.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import type { Connector } from '../core/model.js';
import type { LoadedSpec } from './types.js';

/** `contracts/<name>/<name>.api.d.ts`. */
export function typesFileFor(connector: Pick<Connector, 'dir' | 'name'>): string {
  return join(connector.dir, `${connector.name}.api.d.ts`);
}

export type TypesResult = { ok: true; source: string } | { ok: false; message: string };

/** The declaration file text for a loaded spec. Swagger 2.0 is not supported by openapi-typescript 7. */
export async function generateTypes(spec: LoadedSpec, header = ''): Promise<TypesResult> {
  if (spec.version === 'swagger-2.0') {
    return { ok: false, message: 'openapi-typescript needs OpenAPI 3.0 or 3.1; this is Swagger 2.0 (convert it first, e.g. with swagger2openapi)' };
  }
  try {
    // A clone: openapi-typescript annotates the document it is given.
    const ast = await openapiTS(structuredClone(spec.document) as never, { silent: true });
    return { ok: true, source: `${header}${astToString(ast)}` };
  } catch (error) {
    return { ok: false, message: `openapi-typescript failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function writeTypesFile(file: string, source: string): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, source, 'utf8');
  await rename(tmp, file);
}
