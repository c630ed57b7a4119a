// The HTML renderer on fixed data: a golden file, and the properties a golden file alone would not defend.
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html/render-report.js';
import { esc, formatDuration, formatPercent } from '../../src/report/html/html.js';
import { fixedReportData, HOSTILE } from './fixtures/report-data.js';

describe('renderHtmlReport', () => {
  const html = renderHtmlReport(fixedReportData());

  it('matches the golden file', async () => {
    await expect(html).toMatchFileSnapshot('../golden/report.html');
  });

  it('escapes every user string: no markup from connector files, owners or notes survives', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(esc(HOSTILE));
    // Quotes in names cannot break out of attributes.
    expect(html).toContain('Mallory O&#39;Brien &lt;mallory@example.com&gt;');
    expect(html).not.toContain(`O'Brien <mallory`);
  });

  it('links only http(s) runbooks: a javascript: URL stays text', () => {
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('javascript:alert(document.cookie)');
    expect(html).toContain('href="https://wiki.example.com/runbooks/ledgerly-billing"');
  });

  it('is self-contained: no script, no external resource, a CSP that forbids both', () => {
    expect(html).toContain(`Content-Security-Policy" content="default-src &#39;none&#39;`);
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
  });

  it('has the sections, one map row per connector and flagged gaps', () => {
    for (const id of ['summary', 'map', 'architecture', 'connectors', 'incidents', 'owners', 'problems']) expect(html).toContain(`id="${id}"`);
    expect(html.match(/<tr class="map-row/g)).toHaveLength(4);
    expect(html).toContain('<tr class="map-row has-gaps" data-connector="crm">');
    expect(html).toContain('<tr class="map-row" data-connector="billing">');
    expect(html).toContain('4 gaps: system owner, data owner, how it fails, what business process dies');
  });

  it('draws the diagram with one box per connector and per distinct vendor, coloured by status', () => {
    const svg = html.slice(html.indexOf('<svg class="diagram"'), html.indexOf('</svg>', html.indexOf('<svg class="diagram"')));
    // consumer + 4 connectors + 3 vendors (billing and ledger-export share Ledgerly)
    expect(svg.match(/<g class="node /g)).toHaveLength(8);
    expect(svg.match(/<path d=/g)).toHaveLength(8);
    expect(svg).toContain('node node-failing');
    expect(svg).toContain('node node-never');
    // The shared vendor takes the worse status of its two connectors.
    expect(svg).toMatch(/<g class="node node-breaking"><title>Ledgerly<\/title>/);
  });

  it('shows the incidents with their resolution and root-cause notes', () => {
    expect(html.match(/<tr class="incident"/g)).toHaveLength(5);
    expect(html).toContain('data-drift="1" data-status="resolved"');
    expect(html).toContain('Vendor incident INC-2291');
    expect(html).toContain('accepted</span> <span class="small nowrap">2026-11-18 14:00 UTC</span>');
    expect(html).toContain('live 20 d');
  });

  it('merges a release that opens four drifts at once into one timeline marker with a count', () => {
    const billing = html.slice(html.indexOf('id="connector-billing"'), html.indexOf('id="connector-ledger-export"'));
    expect(billing).toMatch(/<g class="event event-opened"><title>#2 opened[^<]*\n#3 opened[^<]*\n#4 opened[^<]*\n#5 opened/);
    expect(billing).toContain('font-weight="700" fill="#fff">4</text>');
  });
});

describe('formatting helpers', () => {
  it.each([
    [1, '100%'],
    [0.9996, '99.9%'],
    [0.967, '96.7%'],
    [0.05, '5.0%'],
    [0.0123, '1.2%'],
    [0.005, '0.50%'],
    [0, '0%'],
    [null, '—'],
  ])('formatPercent(%s) = %s', (ratio, want) => {
    expect(formatPercent(ratio)).toBe(want);
  });

  it.each([
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:42Z', '42 s'],
    ['2026-01-01T00:00:00Z', '2026-01-01T00:12:00Z', '12 min'],
    ['2026-01-01T00:00:00Z', '2026-01-01T03:20:00Z', '3 h 20 min'],
    ['2026-01-01T00:00:00Z', '2026-01-05T02:00:00Z', '4 d 2 h'],
    ['2026-01-01T00:00:00Z', '2026-01-03T00:00:00Z', '2 d'],
  ])('formatDuration(%s, %s) = %s', (from, to, want) => {
    expect(formatDuration(from, to)).toBe(want);
  });
});
