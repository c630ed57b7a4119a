// The store's one description of its tables: each column once, with a portable type; record types derive from it.

/** Portable column types; each dialect says how it stores, casts and reads them back (dialects.ts). */
export type ColumnType = 'id' | 'ref' | 'text' | 'integer' | 'real' | 'boolean' | 'time' | 'json';

export interface ColumnSpec {
  type: ColumnType;
  nullable: boolean;
  /** Written by the database (identity columns): never in an insert list. */
  generated: boolean;
  /** Stored but not part of the record type (bookkeeping such as `updated_at`). */
  internal: boolean;
  /** What SQL NULL reads back as for a nullable json column: `undefined` keeps "no value" apart from JSON null. */
  missing: 'null' | 'undefined';
}

/** A column holding values of `T`; `I` marks it internal (not in the record type). */
export interface Col<T, I extends boolean = false> {
  readonly spec: ColumnSpec;
  /** Type carriers only: never set at run time. */
  readonly __type?: T;
  readonly __internal?: I;
}

function column<T>(type: ColumnType, extra: Partial<ColumnSpec> = {}): Col<T> {
  return { spec: { type, nullable: false, generated: false, internal: false, missing: 'null', ...extra } };
}

export const c = {
  id: (): Col<number> => column('id', { generated: true }),
  ref: (): Col<number> => column('ref'),
  text: <T extends string = string>(): Col<T> => column('text'),
  integer: (): Col<number> => column('integer'),
  real: (): Col<number> => column('real'),
  boolean: (): Col<boolean> => column('boolean'),
  /** ISO-8601 text in the record, normalised to UTC `toISOString()` form. */
  time: (): Col<string> => column('time'),
  json: <T>(): Col<T> => column('json'),
  nullable: <T>(col: Col<T>): Col<T | null> => ({ spec: { ...col.spec, nullable: true } }),
  /** A nullable json column whose SQL NULL reads back as `undefined` ("no value"), JSON null as `null`. */
  optionalJson: (): Col<unknown> => column('json', { nullable: true, missing: 'undefined' }),
  internal: <T>(col: Col<T>): Col<T, true> => ({ spec: { ...col.spec, internal: true } }),
};

type Shape = Record<string, Col<unknown, boolean>>;

export interface ColumnInfo extends ColumnSpec {
  /** The record's key (camelCase). */
  field: string;
  /** The SQL column name (snake_case). */
  name: string;
}

export interface Table<S extends Shape = Shape> {
  readonly name: string;
  readonly shape: S;
  readonly columns: readonly ColumnInfo[];
  /** Columns that identify a row besides `id` (unique keys); used by migrate to tell "the same row" from a clash. */
  readonly keys: readonly string[];
  /** Columns that must agree for a copied row with the same id to count as the same row. */
  readonly sameRow: readonly string[];
}

/** The record a table reads back as: every non-internal column under its camelCase name. */
export type RecordOf<T extends Table> = {
  [K in keyof T['shape'] as T['shape'][K] extends Col<unknown, true> ? never : K]: T['shape'][K] extends Col<infer V, boolean> ? V : never;
};

/** What a row is written from: every column, internal ones included, except the generated `id`. */
export type WriteOf<T extends Table> = Omit<
  { [K in keyof T['shape']]: T['shape'][K] extends Col<infer V, boolean> ? V : never },
  'id'
>;

function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
}

export function defineTable<S extends Shape>(
  name: string,
  shape: S,
  options: { keys?: readonly string[]; sameRow?: readonly string[]; columns?: Partial<Record<keyof S, string>> } = {},
): Table<S> {
  const columns = Object.entries(shape).map(([field, col]) => ({
    ...col.spec,
    field,
    name: (options.columns as Record<string, string> | undefined)?.[field] ?? snakeCase(field),
  }));
  return { name, shape, columns, keys: options.keys ?? [], sameRow: options.sameRow ?? [] };
}

/** The columns an insert writes (everything the database does not generate). */
export function writable(table: Table): ColumnInfo[] {
  return table.columns.filter((col) => !col.generated);
}

export function columnOf(table: Table, field: string): ColumnInfo {
  const found = table.columns.find((col) => col.field === field);
  if (!found) throw new Error(`${table.name} has no column for ${field}`);
  return found;
}
