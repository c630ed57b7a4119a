// The signals check: Deprecation and Sunset announcements in this run's samples, one observation per endpoint and signal.
import type { Sample } from '../../core/model.js';
import { signalDeltas } from '../../sampler/signal-deltas.js';
import type { CheckInput, CheckOutput, ConnectorCheck } from './check.js';

export const signalsCheck: ConnectorCheck = {
  name: 'signal',
  async run({ connector, outcomes, now }: CheckInput): Promise<CheckOutput> {
    const samples = outcomes.flatMap((o): Sample[] => (o.ok ? [o.sample] : []));
    const observations: CheckOutput['observations'] = signalDeltas(samples, now, connector.sunsetWarnDays).map(({ endpoint, ...delta }) => ({
      source: 'signal' as const,
      endpoint,
      delta,
    }));
    // An endpoint that answered without the headers has withdrawn them; one that failed said nothing either way.
    const observed = [...new Set(samples.map((s) => s.endpoint))].map((endpoint) => ({ connector: connector.name, endpoint, source: 'signal' }));
    return { observations, errors: [], observed };
  },
};
