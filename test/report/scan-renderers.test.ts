// Golden files for every scan renderer on one fixed result: what a person, a CI job and a parser each see.
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/app/scan.js';
import { defineConnector } from '../../src/config/define-connector.js';
import type { Finding } from '../../src/core/model.js';
import { renderScanJson } from '../../src/report/scan-json.js';
import { renderScanJunit } from '../../src/report/scan-junit.js';
import { renderScanMarkdown } from '../../src/report/scan-markdown.js';
import { renderScanText } from '../../src/report/scan-text.js';
import { painter } from '../../src/cli/io.js';

const billing = defineConnector({
  name: 'billing',
  vendor: 'Ledgerly',
  owner: { name: 'Dana Reyes', slack: '@dana' },
  baseUrl: 'https://api.ledgerly.example',
  endpoints: [{ id: 'list-invoices', path: '/v1/invoices' }, { id: 'get-invoice', path: '/v1/invoices/inv_0004' }],
});

const change = (over: Partial<Finding>): Finding => ({
  connector: 'billing',
  endpoint: 'list-invoices',
  rule: 'response-property-type-changed',
  severity: 'breaking',
  path: '$.data[*].amount_due',
  before: ['integer'],
  after: ['string'],
  message: '$.data[*].amount_due changed type from integer to string',
  evidence: [{ source: 'snapshot', message: 'm' }],
  fingerprint: '09ac69d4aa66',
  ...over,
});

const result: ScanResult = {
  runId: 7,
  startedAt: '2026-11-23T03:00:00.000Z',
  finishedAt: '2026-11-23T03:00:01.200Z',
  summary: { breaking: 1, warning: 1, info: 0, errors: 1 },
  changes: [
    change({ pinned: true }),
    change({
      rule: 'response-enum-value-added', severity: 'warning', path: '$.data[*].status', before: ['draft', 'open', 'paid'], after: ['uncollectible'],
      message: '$.data[*].status has new value(s) "uncollectible"', fingerprint: 'f6506fc79197',
    }),
    change({
      rule: 'response-property-removed', path: '$.data[*].customer_email', before: 'string', after: undefined, message: '$.data[*].customer_email was removed <&>',
      fingerprint: '9da37650f045', suppressed: { reason: 'Ledgerly 2026-11 release, handled in PR 812', acceptedBy: 'dana', expires: '2027-02-21' },
    }),
  ],
  errors: [{ connector: 'billing', endpoint: 'get-invoice', kind: 'timeout', message: 'no response headers within 10000 ms' }],
  notices: [],
  problems: [],
  connectors: [{ connector: billing, outcomes: [], changes: [], errors: [] }],
  events: [],
  nothingReached: false,
};

describe('scan renderers', () => {
  it('text', async () => {
    await expect(renderScanText(result, painter(false))).toMatchFileSnapshot('../golden/scan.txt');
  });
  it('json is one document with the documented top-level shape', async () => {
    const text = renderScanJson(result);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['runId', 'startedAt', 'finishedAt', 'summary', 'changes', 'errors', 'notices']);
    await expect(text).toMatchFileSnapshot('../golden/scan.json');
  });
  it('junit', async () => {
    const xml = renderScanJunit(result);
    expect(xml).toContain('failures="1" errors="1"');
    expect(xml).not.toContain('<&>');
    await expect(xml).toMatchFileSnapshot('../golden/scan.junit.xml');
  });
  it('markdown', async () => {
    await expect(renderScanMarkdown(result)).toMatchFileSnapshot('../golden/scan.md');
  });
});
