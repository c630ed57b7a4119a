// The pinned copy of a vendor's GraphQL schema beside the connector (`contracts/<name>/<path>.pinned.graphql`, SDL
// sorted by name so a review diff reads well), and the one canonical form both sides of a diff are compared in.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSchema, GraphQLError, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import type { Connector } from '../core/model.js';

/** `/graphql` -> `graphql`, `/api/v2/graphql` -> `api-v2-graphql`: one file per GraphQL path of the connector. */
function pinnedSchemaFile(connector: Pick<Connector, 'dir'>, path: string): string {
  const slug = path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'root';
  return join(connector.dir, `${slug}.pinned.graphql`);
}

/**
 * SDL sorted by name, and the schema built back from it. The live schema (from introspection) and the pinned one
 * (from SDL) are both compared in this form, so the diff sees the vendor's changes and nothing of how each was read.
 */
export function canonicalSchema(schema: GraphQLSchema): { schema: GraphQLSchema; sdl: string } {
  const sdl = `${printSchema(lexicographicSortSchema(schema))}\n`;
  return { schema: buildSchema(sdl), sdl };
}

export type PinnedSchema = { kind: 'missing' } | { kind: 'invalid'; file: string; message: string } | { kind: 'ok'; file: string; schema: GraphQLSchema };

export async function readPinnedSchema(connector: Pick<Connector, 'dir'>, path: string): Promise<PinnedSchema> {
  const file = pinnedSchemaFile(connector, path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', file, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  try {
    return { kind: 'ok', file, schema: canonicalSchema(buildSchema(text)).schema };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const at = error instanceof GraphQLError && error.locations?.[0] ? `:${error.locations[0].line}:${error.locations[0].column}` : '';
    return { kind: 'invalid', file: `${file}${at}`, message: `is not a GraphQL schema: ${error.message.split('\n')[0]}` };
  }
}

/** Writes through a temp file and a rename, so a killed accept never leaves half a schema. */
export async function writePinnedSchema(connector: Pick<Connector, 'dir'>, path: string, sdl: string): Promise<string> {
  const file = pinnedSchemaFile(connector, path);
  await mkdir(connector.dir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, sdl, 'utf8');
  await rename(temp, file);
  return file;
}
