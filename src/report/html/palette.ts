// The report's colours and status words, shared by the tables and the SVG drawings so both tell the same story.
import type { Severity } from '../../core/model.js';
import type { HealthStatus } from './report-data.js';

export const STATUS_STYLE: Record<HealthStatus, { label: string; stroke: string; fill: string; text: string }> = {
  ok: { label: 'healthy', stroke: '#1a7f37', fill: '#dafbe1', text: '#0f5323' },
  warning: { label: 'drift to review', stroke: '#bf8700', fill: '#fff8c5', text: '#7d4e00' },
  breaking: { label: 'breaking drift', stroke: '#cf222e', fill: '#ffebe9', text: '#a40e26' },
  failing: { label: 'vendor failing', stroke: '#8250df', fill: '#fbefff', text: '#5a32a3' },
  never: { label: 'never scanned', stroke: '#6e7781', fill: '#f6f8fa', text: '#424a53' },
};

export const STATUS_ORDER: readonly HealthStatus[] = ['breaking', 'failing', 'warning', 'ok', 'never'];

export const SEVERITY_COLOR: Record<Severity, string> = {
  breaking: '#cf222e',
  warning: '#bf8700',
  info: '#57606a',
};

export const ACCEPTED_COLOR = '#0969da';
export const RESOLVED_COLOR = '#1a7f37';

/** The worse of several statuses (a vendor box takes the worst of its connectors). */
export function worstStatus(statuses: readonly HealthStatus[]): HealthStatus {
  for (const status of STATUS_ORDER) if (statuses.includes(status)) return status;
  return 'never';
}
