// The WHERE clauses of the list queries, built once for every dialect from the filters and the table descriptions.
import { type Dialect, type Param } from './dialects.js';
import type { DriftFilter } from './ports/findings.js';
import type { EventFilter } from './ports/events.js';
import type { SampleFilter } from './ports/samples.js';
import { columnOf, type ColumnInfo, type Table } from './schema.js';
import { DRIFTS, EVENTS, SAMPLE_DAYS, SAMPLES } from './tables.js';

export interface Where {
  /** `WHERE ...` or empty. */
  sql: string;
  params: Param[];
  /** The placeholder of the next parameter (for a LIMIT after the clause). */
  next(): string;
}

const LIMIT_COLUMN: ColumnInfo = { field: 'limit', name: 'limit', type: 'integer', nullable: false, generated: false, internal: false, missing: 'null' };

class Builder {
  readonly parts: string[] = [];
  readonly params: Param[] = [];
  constructor(
    readonly dialect: Dialect,
    readonly table: Table,
  ) {}

  /** `column op param`, the value encoded as the column is. */
  add(field: string, op: string, value: unknown): this {
    const col = columnOf(this.table, field);
    this.params.push(this.dialect.encode(col, value));
    this.parts.push(`${col.name} ${op} ${this.dialect.param(this.params.length, col)}`);
    return this;
  }

  /** A clause using one parameter, placed where `?` stands. */
  raw(sql: (param: string) => string, field: string, value: unknown): this {
    const col = columnOf(this.table, field);
    this.params.push(this.dialect.encode(col, value));
    this.parts.push(sql(this.dialect.param(this.params.length, col)));
    return this;
  }

  done(): Where {
    const params = this.params;
    return {
      sql: this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '',
      params,
      next: () => this.dialect.param(params.length + 1, LIMIT_COLUMN),
    };
  }
}

export function driftWhere(dialect: Dialect, filter: DriftFilter): Where {
  const b = new Builder(dialect, DRIFTS);
  for (const key of ['connector', 'endpoint', 'rule', 'status'] as const) if (filter[key] !== undefined) b.add(key, '=', filter[key]);
  const before = filter.before;
  if (before && 'id' in before) {
    // Keyset paging in the listing's order (newest sighting first): cheap on any page, stable while scans write.
    b.raw((p) => `(last_seen_at, id) < (SELECT last_seen_at, id FROM drifts WHERE id = ${p})`, 'id', before.id);
  } else if (before) {
    b.add('lastSeenAt', '<', before.at);
  }
  return b.done();
}

export function sampleWhere(dialect: Dialect, filter: SampleFilter): Where {
  const b = new Builder(dialect, SAMPLES);
  if (filter.connector !== undefined) b.add('connector', '=', filter.connector);
  if (filter.endpoint !== undefined) b.add('endpoint', '=', filter.endpoint);
  if (filter.since !== undefined) b.add('takenAt', '>=', filter.since);
  return b.done();
}

export function sampleDayWhere(dialect: Dialect, filter: SampleFilter): Where {
  const b = new Builder(dialect, SAMPLE_DAYS);
  if (filter.connector !== undefined) b.add('connector', '=', filter.connector);
  if (filter.endpoint !== undefined) b.add('endpoint', '=', filter.endpoint);
  if (filter.since !== undefined) b.add('day', '>=', new Date(filter.since).toISOString().slice(0, 10));
  return b.done();
}

export function eventWhere(dialect: Dialect, filter: EventFilter): Where {
  const b = new Builder(dialect, EVENTS);
  if (filter.kind !== undefined) b.add('kind', '=', filter.kind);
  if (filter.since !== undefined) b.add('at', '>=', filter.since);
  return b.done();
}
