// The one operation of a GraphQL endpoint's `query`: parsed once, its type decides whether it may be sent unasked.
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { lazyModule } from '../config/lazy-module.js';

// Connector validation reads every endpoint; only a GraphQL one needs the parser (graphql is ~0.2 s to load).
const graphql = lazyModule<typeof import('graphql')>('graphql');

export type OperationType = 'query' | 'mutation' | 'subscription';

export type ReadOperation =
  | { ok: true; document: DocumentNode; operation: OperationType; name?: string }
  /** `line` / `column` are 1-based, inside the query text. */
  | { ok: false; message: string; line?: number; column?: number };

/** Parses `query` and finds its single operation; a document with none or several is refused (one operation per endpoint). */
export function readOperation(query: string): ReadOperation {
  const { GraphQLError, Kind, parse } = graphql();
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: false, maxTokens: 10_000 });
  } catch (error) {
    if (error instanceof GraphQLError) {
      const at = error.locations?.[0];
      return { ok: false, message: `is not a GraphQL document: ${error.message}`, ...(at ? { line: at.line, column: at.column } : {}) };
    }
    throw error;
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) {
    const names = operations.map((o) => o.name?.value ?? '(anonymous)').join(', ');
    return { ok: false, message: operations.length === 0 ? 'holds no operation (only fragments): write one query' : `holds ${operations.length} operations (${names}): write one per endpoint` };
  }
  const operation = operations[0]!;
  return { ok: true, document, operation: operation.operation, ...(operation.name ? { name: operation.name.value } : {}) };
}
