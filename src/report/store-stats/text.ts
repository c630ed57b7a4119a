// `driftwatch store stats` for humans: rows and size per table, the oldest sample, drifts by status, the retention.
import type { StoreStatsReport } from '../model/store-stats.js';
import type { RenderContext } from '../render.js';

/** 1234567 -> "1.2 MB": sizes for a reader, powers of 1024. */
function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

export function renderStoreStatsText(report: StoreStatsReport, { paint }: Pick<RenderContext, 'paint'>): string {
  const width = Math.max(...report.tables.map((t) => t.table.length));
  const lines = [paint('bold', `${report.kind} store, ${formatBytes(report.totalBytes)} in all`)];
  for (const t of report.tables) lines.push(`  ${t.table.padEnd(width)}  ${t.rows.toLocaleString('en').padStart(12)} rows  ${formatBytes(t.bytes).padStart(9)}`);
  if (report.bytesPerSample !== null) lines.push(paint('gray', `  ${report.bytesPerSample} bytes per sample (indexes included)`));
  lines.push(`oldest sample: ${report.oldestSample ?? 'none'}${report.oldestDay ? `; daily rows from ${report.oldestDay}` : ''}`);
  lines.push(`retention: ${report.retentionDays === null ? 'off (DRIFTWATCH_RETENTION=off): samples are kept forever' : `${report.retentionDays} days of samples, older days kept as daily rows`}`);
  const d = report.drifts;
  lines.push(`drifts: ${d.open} open, ${d.acknowledged} acknowledged, ${d.accepted} accepted, ${d.resolved} resolved`);
  return `${lines.join('\n')}\n`;
}
