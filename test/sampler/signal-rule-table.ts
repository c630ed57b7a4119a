// Table tests for the vendor-signal rules: samples carrying signals, through the real producer and classify.
import { expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import type { Sample, Severity, VendorSignals } from '../../src/core/model.js';
import type { AnyRule } from '../../src/core/rule.js';
import { signalDeltas } from '../../src/sampler/signal-deltas.js';

export const NOW = new Date('2026-11-23T09:00:00Z');

export function signalSample(endpoint: string, signals: VendorSignals | undefined, extra: Partial<Sample> = {}): Sample {
  return {
    connector: 'billing',
    endpoint,
    method: 'GET',
    url: `https://api.vendor.test/${endpoint}`,
    status: 200,
    contentType: 'application/json',
    headers: {},
    latencyMs: 1,
    sizeBytes: 2,
    bodyHash: 'x',
    body: {},
    takenAt: NOW.toISOString(),
    attempts: 1,
    ...(signals ? { signals } : {}),
    ...extra,
  };
}

/** `n` days from NOW as an ISO timestamp. */
export function inDays(n: number): string {
  return new Date(NOW.getTime() + n * 86_400_000).toISOString();
}

export interface SignalRow {
  name: string;
  samples: Sample[];
  now?: Date;
  warnDays?: number;
  want: Array<{ endpoint: string; severity?: Severity; message?: RegExp; after?: string }>;
}

export function signalRuleTable(rule: AnyRule, rows: readonly SignalRow[]): void {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const deltas = signalDeltas(row.samples, row.now ?? NOW, row.warnDays ?? 30);
    const findings = classify(
      deltas.map(({ endpoint, ...delta }) => ({ source: 'signal' as const, endpoint, delta })),
      { connector: 'billing', rules: [rule] },
    );
    expect(findings.map((f) => f.endpoint)).toEqual(row.want.map((w) => w.endpoint));
    findings.forEach((finding, i) => {
      const want = row.want[i]!;
      expect(finding.rule).toBe(rule.id);
      expect(finding.severity).toBe(want.severity ?? rule.severity);
      expect(finding.evidence).toEqual([expect.objectContaining({ source: 'signal' })]);
      if (want.message) expect(finding.message).toMatch(want.message);
      if (want.after !== undefined) expect(finding.after).toBe(want.after);
    });
  });
}
