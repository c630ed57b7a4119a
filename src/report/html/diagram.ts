// The architecture diagram as inline SVG: the consumer, each connector, each vendor, coloured by status.
import type { ReportData } from './report-data.js';
import { esc, num, plain, plural, truncate } from './html.js';
import { STATUS_STYLE, worstStatus } from './palette.js';
import type { HealthStatus } from './report-data.js';

/** Drawn at 1:1 at least (styles.ts): its smallest text is 11.5 px. */
export const DIAGRAM_WIDTH = 960;
const WIDTH = DIAGRAM_WIDTH;
const TOP = 40;
const ROW = 68;
const BOX = 52;
const COL = {
  consumer: { x: 16, w: 200 },
  connector: { x: 340, w: 260 },
  vendor: { x: 724, w: 220 },
};

/** The consumer is ours, not a vendor: neutral, whatever its connectors' state. */
const CONSUMER_STYLE = { stroke: '#0969da', fill: '#ddf4ff', text: '#0a3069' };

interface VendorNode {
  name: string;
  host: string | null;
  connectors: number[];
  status: HealthStatus;
  y: number;
}

export function renderDiagram(data: ReportData): string {
  const connectors = data.connectors;
  const n = Math.max(connectors.length, 1);
  const centerOf = (i: number): number => TOP + i * ROW + BOX / 2;

  const vendors: VendorNode[] = [];
  connectors.forEach((c, i) => {
    const name = c.row.vendor ?? c.row.connector;
    let node = vendors.find((v) => v.name === name);
    if (!node) {
      node = { name, host: c.host, connectors: [], status: 'never', y: 0 };
      vendors.push(node);
    }
    if (node.host !== c.host) node.host = null;
    node.connectors.push(i);
  });
  // Each vendor sits level with its connectors, pushed down only as far as needed not to overlap the one above.
  let floor = TOP;
  for (const vendor of vendors) {
    vendor.status = worstStatus(vendor.connectors.map((i) => connectors[i]!.status));
    const mean = vendor.connectors.reduce((sum, i) => sum + centerOf(i), 0) / vendor.connectors.length;
    vendor.y = Math.max(floor, mean - BOX / 2);
    floor = vendor.y + ROW;
  }
  const bottom = Math.max(TOP + n * ROW, floor) + 4;
  const height = bottom + 8;

  const consumerTop = TOP;
  const consumerHeight = Math.max(BOX, bottom - TOP - (ROW - BOX) - 4);
  const consumerMid = consumerTop + consumerHeight / 2;

  const out: string[] = [];
  out.push(
    `<svg class="diagram" role="img" aria-labelledby="diagram-title diagram-desc" viewBox="0 0 ${WIDTH} ${num(height)}" width="${WIDTH}" height="${num(height)}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="diagram-title">Architecture: ${esc(data.consumer)} and its vendor APIs</title>`,
    `<desc id="diagram-desc">${esc(`${plural(connectors.length, 'connector')} to ${plural(vendors.length, 'vendor')}; colours show each connector's status.`)}</desc>`,
    `<g class="col-heads" font-size="12" fill="#57606a" font-weight="600">`,
    `<text x="${COL.consumer.x}" y="20">YOUR SYSTEM</text>`,
    `<text x="${COL.connector.x}" y="20">CONNECTORS (WATCHED)</text>`,
    `<text x="${COL.vendor.x}" y="20">VENDOR APIS</text>`,
    `</g>`,
  );

  // Edges first so the boxes sit on top of them.
  out.push('<g class="edges" fill="none" stroke-width="2">');
  connectors.forEach((c, i) => {
    const style = STATUS_STYLE[c.status];
    const dash = c.status === 'failing' || c.status === 'never' ? ' stroke-dasharray="6 4"' : '';
    const y = centerOf(i);
    out.push(curve(COL.consumer.x + COL.consumer.w, consumerMid + spread(i, connectors.length, consumerHeight), COL.connector.x, y, style.stroke, dash));
    const vendor = vendors.find((v) => v.connectors.includes(i))!;
    out.push(curve(COL.connector.x + COL.connector.w, y, COL.vendor.x, vendor.y + BOX / 2, style.stroke, dash));
  });
  out.push('</g>');

  out.push(box(COL.consumer.x, consumerTop, COL.consumer.w, consumerHeight, 'consumer', fit(data.consumer, COL.consumer.w), data.consumer, plural(connectors.length, 'integration'), true));

  connectors.forEach((c, i) => {
    const y = centerOf(i) - BOX / 2;
    const sub = connectorLine(c);
    out.push(box(COL.connector.x, y, COL.connector.w, BOX, c.status, fit(c.row.connector, COL.connector.w), c.row.connector, truncate(sub, 40), false, `${c.row.connector}: ${STATUS_STYLE[c.status].label}. ${plain(c.statusText)}`));
  });

  for (const vendor of vendors) {
    out.push(box(COL.vendor.x, vendor.y, COL.vendor.w, BOX, vendor.status, fit(vendor.name, COL.vendor.w), vendor.name, truncate(vendor.host ?? '', 30), false));
  }
  if (connectors.length === 0) {
    out.push(`<text x="${COL.connector.x}" y="${TOP + 30}" font-size="13" fill="#57606a">No connectors under contracts/ yet.</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

/** Fans the consumer's edges out along its right side instead of starting them all at one point. */
function spread(i: number, count: number, height: number): number {
  if (count <= 1) return 0;
  const usable = Math.min(height - 16, count * 14);
  return -usable / 2 + (usable * i) / (count - 1);
}

function curve(x1: number, y1: number, x2: number, y2: number, stroke: string, dash: string): string {
  const mid = (x1 + x2) / 2;
  return `<path d="M${num(x1)} ${num(y1)} C${num(mid)} ${num(y1)} ${num(mid)} ${num(y2)} ${num(x2)} ${num(y2)}" stroke="${stroke}"${dash}/>`;
}

/** Bold 14px system-ui runs about 8.4 px a character: cut what would overflow the box (the <title> keeps it all). */
function fit(text: string, boxWidth: number): string {
  return truncate(text, Math.floor((boxWidth - 36) / 8.4));
}

function connectorLine(c: ReportData['connectors'][number]): string {
  const live = c.drifts.open + c.drifts.acknowledged;
  const state =
    c.status === 'failing' || c.status === 'never'
      ? STATUS_STYLE[c.status].label
      : c.drifts.breaking > 0
        ? `${c.drifts.breaking} breaking drift${c.drifts.breaking === 1 ? '' : 's'}`
        : live > 0
          ? `${live} live drift${live === 1 ? '' : 's'}`
          : STATUS_STYLE[c.status].label;
  return `${plural(c.endpoints.length, 'endpoint')} · ${state}`;
}

function box(
  x: number,
  y: number,
  w: number,
  h: number,
  status: HealthStatus | 'consumer',
  label: string,
  full: string,
  sub: string,
  tall: boolean,
  tooltip?: string,
): string {
  const style = status === 'consumer' ? CONSUMER_STYLE : STATUS_STYLE[status];
  const labelY = tall ? y + h / 2 - 2 : y + 22;
  const subY = tall ? y + h / 2 + 16 : y + 40;
  return [
    `<g class="node node-${status}">`,
    `<title>${esc(tooltip ?? full)}</title>`,
    `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" rx="8" fill="${style.fill}" stroke="${style.stroke}" stroke-width="2"/>`,
    `<circle cx="${num(x + 14)}" cy="${num(labelY - 4)}" r="5" fill="${style.stroke}"/>`,
    `<text x="${num(x + 26)}" y="${num(labelY)}" font-size="14" font-weight="600" fill="#1f2328">${esc(label)}</text>`,
    sub ? `<text x="${num(x + 26)}" y="${num(subY)}" font-size="11.5" fill="${style.text}">${esc(sub)}</text>` : '',
    `</g>`,
  ].join('');
}
