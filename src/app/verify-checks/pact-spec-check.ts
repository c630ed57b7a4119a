// Verify step: every interaction of the connector's pacts against the vendor's OpenAPI spec.
import { comparePactsWithSpec } from '../../pact/compare-spec.js';
import { endpointFor } from '../../pact/usage.js';
import { emptyVerifyOutput, type VerifyCheck } from './check.js';

export const pactSpecCheck: VerifyCheck = {
  name: 'spec',
  async run({ connector, pacts, spec, templates }) {
    const out = emptyVerifyOutput();
    if (spec === undefined) {
      for (const pact of pacts) for (const interaction of pact.interactions) out.skipped.push({ interaction, why: 'spec: the connector names no `spec:` to check against' });
      return out;
    }
    try {
      for (const { interaction, delta } of await comparePactsWithSpec(spec, pacts)) {
        const endpoint = endpointFor(connector.endpoints, interaction.method, interaction.path, templates)?.id ?? `${interaction.method} ${interaction.path}`;
        out.observations.push({ interaction, observation: { source: 'pact', endpoint, delta } });
      }
    } catch (error) {
      // The comparator throws on documents it cannot compile (a dangling $ref): bad input, not a crash.
      out.problems.push({ file: connector.spec ?? connector.file, message: `cannot compare pacts with this spec: ${(error as Error).message}` });
    }
    return out;
  },
};
