// The GraphQL check: the vendor's schema, read by introspection on each scan, vs the copy pinned by `accept`, judged by
// what the connector's operations select and send.
import { parse } from 'graphql';
import type { ScanError } from '../../core/model.js';
import { graphqlPaths } from '../../graphql/accept-schema.js';
import { introspectSchema } from '../../graphql/introspect.js';
import { statedWhereRead } from '../../graphql/as-response.js';
import { graphqlSchemaDeltas } from '../../graphql/schema-deltas.js';
import { readPinnedSchema } from '../../graphql/schema-files.js';
import type { CheckInput, CheckOutput, ConnectorCheck } from './check.js';

export const graphqlCheck: ConnectorCheck = {
  name: 'graphql',
  async run({ root, connector, env, now }: CheckInput): Promise<CheckOutput> {
    const output: CheckOutput = { observations: [], errors: [], observed: [] };
    const paths = graphqlPaths(connector);
    let everyPath = true;
    for (const path of paths) {
      const error = (kind: ScanError['kind'], message: string): void => {
        everyPath = false;
        output.errors.push({ connector: connector.name, endpoint: '*', kind, message });
      };
      const pinned = await readPinnedSchema(connector, path);
      if (pinned.kind === 'missing') {
        error('no-snapshot', `no pinned copy of the GraphQL schema at ${path} yet: run \`driftwatch accept --connector ${connector.name}\` to pin it`);
        continue;
      }
      if (pinned.kind === 'invalid') {
        error('spec', `${pinned.file.startsWith(root) ? pinned.file.slice(root.length + 1) : pinned.file} ${pinned.message}`);
        continue;
      }
      const live = await introspectSchema(connector, path, { env, now: () => now });
      if (!live.ok) {
        error(live.kind, `the GraphQL schema at ${path} could not be read by introspection, so it was not compared this run: ${live.message}`);
        continue;
      }
      const endpoints = connector.endpoints.filter((e) => e.graphql !== undefined && e.path === path);
      const operations = endpoints.map((e) => ({ endpoint: e.id, document: parse(e.graphql!.query) }));
      for (const { endpoint, delta } of statedWhereRead(await graphqlSchemaDeltas(pinned.schema, live.schema, operations))) {
        output.observations.push({ source: 'graphql', endpoint, delta });
      }
      for (const e of endpoints) output.observed.push({ connector: connector.name, endpoint: e.id, source: 'graphql' });
    }
    // Connector-wide changes resolve only when every schema of the connector was compared.
    if (paths.length > 0 && everyPath) output.observed.push({ connector: connector.name, endpoint: '*', source: 'graphql' });
    return output;
  },
};
