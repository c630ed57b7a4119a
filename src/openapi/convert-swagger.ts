// Swagger 2.0 read as the OpenAPI 3.0 it converts to (swagger2openapi), so one diff and one validator serve both.
import type { OpenApiDocument } from './types.js';

/** Converts a copy (the converter annotates what it is given); a document it cannot convert throws with its reason. */
export async function convertToOpenApi3(swagger: OpenApiDocument): Promise<OpenApiDocument> {
  // Loaded only when a Swagger 2.0 document shows up. `text` is only used in the converter's messages; computing it
  // would serialise the whole document to YAML.
  const { convertObj } = await import('swagger2openapi');
  return convertObj(structuredClone(swagger), { patch: true, warnOnly: true, direct: true, text: ' ' });
}
