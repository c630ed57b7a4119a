// Verify step (cheap, so before the verifier): every field a pact pins vs the accepted snapshot of its endpoint.
import { comparePinsWithSnapshot } from '../../pact/compare-snapshot.js';
import { endpointFor } from '../../pact/usage.js';
import { emptyVerifyOutput, type VerifyCheck } from './check.js';

export const pinsCheck: VerifyCheck = {
  name: 'snapshot',
  async run({ connector, pacts, templates, snapshots }) {
    const out = emptyVerifyOutput();
    for (const pact of pacts) {
      for (const interaction of pact.interactions) {
        const endpoint = endpointFor(connector.endpoints, interaction.method, interaction.path, templates);
        const snapshot = endpoint ? snapshots.get(endpoint.id) : undefined;
        if (!endpoint) out.skipped.push({ interaction, why: `snapshot: no endpoint of ${connector.name} answers ${interaction.method} ${interaction.path}` });
        else if (!snapshot) out.skipped.push({ interaction, why: `snapshot: no accepted snapshot of ${endpoint.id} yet (driftwatch accept)` });
        else if (interaction.status >= 300) out.skipped.push({ interaction, why: `snapshot: expects a ${interaction.status}; snapshots hold the success answer` });
        else for (const delta of comparePinsWithSnapshot(interaction, snapshot.schema)) out.observations.push({ interaction, observation: { source: 'pact', endpoint: endpoint.id, delta } });
      }
    }
    return out;
  },
};
