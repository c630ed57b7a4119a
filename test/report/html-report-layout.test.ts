// The HTML report on every screen, in the real Chromium at 1400 px and 390 px, asserted through the DOM: the page never
// scrolls sideways, no text is drawn under 10 px, tables are stacked cards on a phone, diagrams keep their size in a
// scrolling box, long incident lists are grouped and capped, connectors sort naturally, no Markdown leaks.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCIDENT_ROWS_MAX, INCIDENTS_PER_GROUP } from '../../src/report/html/incidents.js';
import { renderHtmlReport } from '../../src/report/html/render-report.js';
import { CHROMIUM_MISSING, chromiumOrSkip, launchChromium, type Browser } from '../helpers/chromium.js';
import { LARGE_CONNECTORS, LARGE_INCIDENTS, largeReportData } from './fixtures/large-report-data.js';
import { fixedReportData } from './fixtures/report-data.js';

const { executable, failInCi } = chromiumOrSkip('html-report-layout');
const WIDTHS = [1400, 390] as const;

describe.runIf(failInCi)('the HTML report layout (CI)', () => {
  it('has a Chromium', () => {
    expect.fail(CHROMIUM_MISSING);
  });
});

interface Layout {
  viewport: number;
  pageWidth: number;
  /** Rendered text under 10 px: where and how big. */
  smallText: string[];
  /** Per table row: the display of its cells and whether they sit side by side or stacked. */
  rows: Array<{ table: string; display: string; sideBySide: boolean; stacked: boolean }>;
  diagramWidth: number;
  figureScrolls: boolean;
  figureOverflowsPage: boolean;
  text: string;
  svgTitles: string;
}

// Runs in the page (plain JavaScript: this project's TypeScript has no DOM types): what a reader sees, measured.
const MEASURE = await readFile(new URL('./measure-layout.js', import.meta.url), 'utf8');

describe.runIf(executable)('the HTML report on every screen', () => {
  let dir: string;
  const files: Record<'fixed' | 'large', string> = { fixed: '', large: '' };
  const browsers: Browser[] = [];
  const pages = new Map<number, Page>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'driftwatch-report-layout-'));
    files.fixed = join(dir, 'fixed.html');
    files.large = join(dir, 'large.html');
    await writeFile(files.fixed, renderHtmlReport(fixedReportData()));
    await writeFile(files.large, renderHtmlReport(largeReportData()));
    for (const width of WIDTHS) {
      const browser = await launchChromium(executable!, { width, height: 900 });
      browsers.push(browser);
      pages.set(width, browser.context.pages()[0] ?? (await browser.context.newPage()));
    }
  }, 60_000);

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function layout(width: number, which: keyof typeof files): Promise<Layout> {
    const page = pages.get(width)!;
    await page.goto(pathToFileURL(files[which]).href, { waitUntil: 'load' });
    return (await page.evaluate(MEASURE)) as Layout;
  }

  for (const which of ['fixed', 'large'] as const) {
    it.each(WIDTHS)(`${which} report at %i px: no sideways scroll, no text under 10 px, diagrams at full size`, async (width) => {
      const seen = await layout(width, which);
      expect(seen.viewport).toBe(width);
      expect(seen.pageWidth).toBeLessThanOrEqual(width);
      expect(seen.smallText).toEqual([]);
      expect(seen.diagramWidth).toBeGreaterThanOrEqual(960);
      expect(seen.figureOverflowsPage).toBe(false);
      // On a phone the diagram scrolls inside its box instead of shrinking to unreadable.
      expect(seen.figureScrolls).toBe(width < 960);
    });

    it(`${which} report: tables are stacked cards at 390 px and tables at 1400 px`, async () => {
      const wide = await layout(1400, which);
      expect(wide.rows.length).toBeGreaterThan(5);
      expect(wide.rows.filter((r) => r.display !== 'table-cell' || !r.sideBySide)).toEqual([]);
      const phone = await layout(390, which);
      expect(new Set(phone.rows.map((r) => r.table))).toEqual(new Set(['map stack', 'endpoints stack', 'incidents stack', 'owners stack', 'reviews stack']));
      expect(phone.rows.filter((r) => r.display !== 'block' || !r.stacked)).toEqual([]);
    });

    it(`${which} report: no Markdown backticks reach the reader`, async () => {
      const seen = await layout(390, which);
      expect(seen.text).not.toContain('`');
      expect(seen.svgTitles).not.toContain('`');
    });
  }

  it('groups a long incident list by connector and rule, with a cap and a count of the rest', async () => {
    const page = pages.get(1400)!;
    await page.goto(pathToFileURL(files.large).href, { waitUntil: 'load' });
    const groups = await page.$$eval('tbody.incident-group', (bodies) =>
      bodies.map((b) => ({
        connector: b.getAttribute('data-connector')!,
        count: Number(b.getAttribute('data-count')),
        shown: b.querySelectorAll('tr.incident').length,
        head: b.querySelector('tr.group-head')?.textContent ?? '',
        more: b.querySelector('tr.incident-more')?.textContent ?? '',
      })),
    );
    expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(LARGE_INCIDENTS);
    expect(groups.reduce((sum, g) => sum + g.shown, 0)).toBe(INCIDENT_ROWS_MAX);
    for (const g of groups) {
      expect(g.shown).toBeLessThanOrEqual(INCIDENTS_PER_GROUP);
      const list = `not shown: driftwatch history --connector ${g.connector} --rule `;
      expect(g.head).toMatch(new RegExp(`^${g.connector} · \\S+ · ${g.count} drifts?: `));
      if (g.shown === 0) expect(g.head).toContain(list);
      else if (g.shown < g.count) expect(g.more).toMatch(new RegExp(`^${g.count - g.shown} more ${list}`));
      else expect(g.more).toBe('');
    }
    // Groups follow the connectors' natural order, as the map does.
    const natural = Array.from({ length: LARGE_CONNECTORS }, (_, i) => `conn-${i + 1}`);
    expect([...new Set(groups.map((g) => g.connector))]).toEqual(natural);
    expect(await page.$$eval('table.map tr.map-row', (rows) => rows.map((r) => r.getAttribute('data-connector')))).toEqual(natural);
    // 246 drifts no longer make the page tens of thousands of pixels tall: the incident history stays a few screens.
    const height = (await page.evaluate(`document.getElementById('incidents').getBoundingClientRect().height`)) as number;
    expect(height).toBeLessThan(8_000);
  });
});
