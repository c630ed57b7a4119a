import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/tls-certificate-expiring.js';
import { certificateDeltas, type CertificateProbe } from '../../../src/auth-drift/tls-probe.js';
import { daysFrom, deltaRuleTable, NOW } from '../../owners/rule-table.js';

const probe = (days: number): CertificateProbe => ({ ok: true, host: 'api.vendor.test', port: 443, validTo: daysFrom(NOW, days), subject: 'api.vendor.test', issuer: 'CA' });

describe('tls-certificate-expiring', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  deltaRuleTable(rule, [
    { name: 'silent 60 days out', deltas: () => certificateDeltas(probe(60), NOW, 21), want: [] },
    { name: 'silent when the probe was skipped (http)', deltas: () => certificateDeltas({ ok: 'skipped', reason: 'not https' }, NOW, 21), want: [] },
    { name: 'warns 10 days out', deltas: () => certificateDeltas(probe(10.2), NOW, 21), want: [{ path: 'tls.api.vendor.test:443', message: /expires in 10 days/ }] },
    { name: 'breaking once expired', deltas: () => certificateDeltas(probe(-1), NOW, 21), want: [{ path: 'tls.api.vendor.test:443', severity: 'breaking', message: /expired/ }] },
  ]);
});
