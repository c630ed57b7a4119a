// Inference: response bodies -> JSON Schema 2020-12 with presence counts, nullability, formats and small value sets.
import { mergeShapes } from './baseline.js';
import type { JsonType, JsonValue, ShapeSchema } from './model.js';
import { evidencePolicy } from './policy.js';

export interface InferOptions {
  /**
   * 'categorical' (default, for snapshots): record a string field's values only when they look like a closed set.
   * 'all' (for the freshly sampled side): record them whenever there are few, so one new value is visible, and count
   * string values and format matches (`x-strings`, `x-format-hits`), the evidence a format change is judged on.
   */
  values?: 'categorical' | 'all';
  maxValues?: number;
}

const T_OBJECT = 1;
const T_ARRAY = 2;
const T_STRING = 4;
const T_INTEGER = 8;
const T_NUMBER = 16;
const T_BOOLEAN = 32;
const T_NULL = 64;

const F_DATE_TIME = 1;
const F_DATE = 2;
const F_UUID = 4;
const F_EMAIL = 8;
const F_URI = 16;
const F_ALL = 31;

/** When several formats fit every value, the most specific wins. */
const FORMAT_NAMES: readonly [number, string][] = [
  [F_DATE_TIME, 'date-time'],
  [F_DATE, 'date'],
  [F_UUID, 'uuid'],
  [F_EMAIL, 'email'],
  [F_URI, 'uri'],
];

const RE_DATE_TIME = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[Tt ](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;
const RE_DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
const RE_UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const RE_EMAIL = /^[^\s@/:<>()[\],;"]+@[^\s@/:<>()[\],;"]+\.[A-Za-z]{2,}$/;
// An absolute URI with an authority, or urn:/mailto:: a bare `word:word` (e.g. `status:open`) is not treated as a URI.
const RE_URI = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/?#]+[^\s]*|(?:urn|mailto):[^\s]+)$/;

const MAX_CATEGORICAL_LENGTH = 64;

/** The formats (bit mask) among `candidates` that `s` matches; cheap shape checks first. */
function matchFormats(s: string, candidates: number): number {
  let out = 0;
  const len = s.length;
  const first = s.charCodeAt(0);
  const digitFirst = first >= 48 && first <= 57;
  if (candidates & F_DATE_TIME && digitFirst && len >= 19 && RE_DATE_TIME.test(s)) out |= F_DATE_TIME;
  if (candidates & F_DATE && len === 10 && digitFirst && RE_DATE.test(s)) out |= F_DATE;
  if (candidates & F_UUID && len === 36 && RE_UUID.test(s)) out |= F_UUID;
  if (candidates & F_EMAIL && s.includes('@') && RE_EMAIL.test(s)) out |= F_EMAIL;
  if (candidates & F_URI && s.includes(':') && RE_URI.test(s)) out |= F_URI;
  return out;
}

interface Property {
  present: number;
  node: Node;
}

/** Running evidence for one schema node; each value is looked at once. */
interface Node {
  seen: number;
  types: number;
  objects: number;
  props: Map<string, Property> | null;
  items: Node | null;
  strings: number;
  formats: number;
  /** Distinct string values and how often each was seen, dropped (null) once there are more than maxValues. */
  values: Map<string, number> | null;
  longValue: boolean;
  nulls: number;
  /** Per format (FORMAT_NAMES order), how many strings matched it; only counted for fresh samples. */
  formatHits: number[] | null;
}

function newNode(): Node {
  return { seen: 0, types: 0, objects: 0, props: null, items: null, strings: 0, formats: F_ALL, values: new Map(), longValue: false, nulls: 0, formatHits: null };
}

class Accumulator {
  constructor(
    private readonly maxValues: number,
    private readonly countFormats: boolean,
  ) {}

  add(node: Node, value: JsonValue): void {
    node.seen++;
    if (value === null) {
      node.types |= T_NULL;
      node.nulls++;
      return;
    }
    switch (typeof value) {
      case 'string':
        this.addString(node, value);
        return;
      case 'number':
        node.types |= Number.isInteger(value) ? T_INTEGER : T_NUMBER;
        return;
      case 'boolean':
        node.types |= T_BOOLEAN;
        return;
      default:
        break;
    }
    if (Array.isArray(value)) {
      node.types |= T_ARRAY;
      const n = value.length;
      if (n === 0) return;
      const items = node.items ?? (node.items = newNode());
      for (let i = 0; i < n; i++) this.add(items, value[i] as JsonValue);
      return;
    }
    node.types |= T_OBJECT;
    node.objects++;
    const props = node.props ?? (node.props = new Map());
    for (const key in value) {
      let prop = props.get(key);
      if (prop === undefined) {
        prop = { present: 0, node: newNode() };
        props.set(key, prop);
      }
      prop.present++;
      this.add(prop.node, value[key] as JsonValue);
    }
  }

  private addString(node: Node, s: string): void {
    node.types |= T_STRING;
    node.strings++;
    if (this.countFormats) {
      // Every format is tried, so a baseline's format can be counted even after this run's values left it.
      const matched = matchFormats(s, F_ALL);
      node.formats &= matched;
      const hits = node.formatHits ?? (node.formatHits = [0, 0, 0, 0, 0]);
      for (let i = 0; i < FORMAT_NAMES.length; i++) if (matched & (FORMAT_NAMES[i] as [number, string])[0]) hits[i] = (hits[i] as number) + 1;
    } else if (node.formats !== 0) {
      node.formats &= matchFormats(s, node.formats);
    }
    const values = node.values;
    if (values !== null) {
      const count = values.get(s);
      if (count !== undefined) {
        values.set(s, count + 1);
      } else if (values.size >= this.maxValues) {
        node.values = null;
      } else {
        values.set(s, 1);
        if (s.length > MAX_CATEGORICAL_LENGTH) node.longValue = true;
      }
    }
  }
}

const TYPE_BITS: readonly [number, JsonType][] = [
  [T_ARRAY, 'array'],
  [T_BOOLEAN, 'boolean'],
  [T_INTEGER, 'integer'],
  [T_NULL, 'null'],
  [T_NUMBER, 'number'],
  [T_OBJECT, 'object'],
  [T_STRING, 'string'],
];

function typesOf(mask: number): JsonType[] {
  // Any non-integer makes the node a number: integers are numbers too.
  const m = mask & T_NUMBER ? mask & ~T_INTEGER : mask;
  const out: JsonType[] = [];
  for (const [bit, name] of TYPE_BITS) if (m & bit) out.push(name);
  return out;
}

function toSchema(node: Node, categorical: boolean): ShapeSchema {
  const schema: ShapeSchema = {};
  const types = typesOf(node.types);
  if (types.length === 1) schema.type = types[0] as JsonType;
  else if (types.length > 1) schema.type = types;
  let format: string | undefined;
  if (node.strings > 0 && node.formats !== 0) {
    for (const [bit, name] of FORMAT_NAMES) {
      if (node.formats & bit) {
        format = name;
        break;
      }
    }
  }
  if (format !== undefined) schema.format = format;
  if (node.props !== null && node.props.size > evidencePolicy.mapKeys) {
    // A dictionary keyed by data: one shape for its values, so 20,000 ids are one node, not 20,000 "new fields".
    schema['x-map'] = true;
    let values: ShapeSchema = {};
    for (const prop of node.props.values()) values = mergeShapes(values, toSchema(prop.node, categorical));
    schema.additionalProperties = values;
  } else if (node.props !== null) {
    const keys = [...node.props.keys()].sort();
    const entries: [string, ShapeSchema][] = [];
    const required: string[] = [];
    for (const key of keys) {
      const prop = node.props.get(key) as Property;
      const child = toSchema(prop.node, categorical);
      child['x-present'] = prop.present;
      entries.push([key, child]);
      if (prop.present === node.objects) required.push(key);
    }
    // fromEntries defines own properties, so a `__proto__` key stays data instead of becoming a prototype.
    schema.properties = Object.fromEntries(entries);
    if (required.length > 0) schema.required = required;
  }
  if (node.items !== null) schema.items = toSchema(node.items, categorical);
  // On a node that held objects, x-seen counts the objects: it is the denominator of its properties' x-present.
  schema['x-seen'] = node.types & T_OBJECT ? node.objects : node.seen;
  if (node.nulls > 0) schema['x-nulls'] = node.nulls;
  if (node.formatHits !== null) {
    schema['x-strings'] = node.strings;
    const hits: Record<string, number> = {};
    FORMAT_NAMES.forEach(([, name], i) => {
      if ((node.formatHits as number[])[i]! > 0) hits[name] = (node.formatHits as number[])[i]!;
    });
    schema['x-format-hits'] = hits;
  }
  const values = node.values;
  if (values !== null && values.size > 0) {
    // Categorical needs repetition (each value seen twice on average), so unique ids and names are not taken for a closed set.
    const closed = !categorical || (format === undefined && !node.longValue && node.strings >= 2 * values.size);
    if (closed) schema['x-values'] = [...values.keys()].sort();
    // Fresh samples keep how often each value came: a value new to the baseline is judged on how often it shows.
    if (!categorical) schema['x-value-counts'] = Object.fromEntries([...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return schema;
}

/**
 * The shape of `bodies`: one JSON Schema node per position, annotated with evidence. Objects inside arrays count as
 * samples, so one list response of 20 objects gives x-seen 20 on the item node.
 */
export function inferShape(bodies: readonly JsonValue[], options: InferOptions = {}): ShapeSchema {
  const all = (options.values ?? 'categorical') === 'all';
  const acc = new Accumulator(options.maxValues ?? 12, all);
  const root = newNode();
  for (const body of bodies) acc.add(root, body);
  const schema = toSchema(root, !all);
  // The root counts bodies, whatever they held.
  schema['x-seen'] = bodies.length;
  return schema;
}
