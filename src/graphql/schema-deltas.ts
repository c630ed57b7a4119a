// The vendor's GraphQL schema vs the pinned copy, as typed deltas: @graphql-inspector/core says what changed, the
// connector's operations say where it matters (each using endpoint) or that it does not (connector-wide).
import {
  diff,
  type Change,
  type EnumValueAddedChange,
  type FieldArgumentAddedChange,
  type FieldArgumentRemovedChange,
  type FieldArgumentTypeChangedChange,
  type FieldDeprecationAddedChange,
  type FieldRemovedChange,
  type FieldTypeChangedChange,
  type InputFieldAddedChange,
  type InputFieldRemovedChange,
  type InputFieldTypeChangedChange,
} from '@graphql-inspector/core';
import { getNamedType, isEnumType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import type { Delta, GraphqlInputChanged } from '../core/deltas.js';
import { graphqlUsage, type GraphqlUsage, type UsedOperation } from './usage.js';

export interface PlacedDelta {
  /** An endpoint whose operation uses what changed, or `*`. */
  endpoint: string;
  delta: Delta;
}

type Meta<C extends { meta: unknown }> = C['meta'];
/** Where an endpoint reads something: endpoint id -> JSONPaths into its `data`. */
type Places = ReadonlyMap<string, ReadonlySet<string>>;

function fieldType(schema: GraphQLSchema, typeName: string, fieldName: string): string {
  const type = schema.getType(typeName);
  return (isObjectType(type) || isInterfaceType(type)) && type.getFields()[fieldName] ? String(type.getFields()[fieldName]!.type) : 'unknown';
}

/** Endpoint -> paths of every field (in the pinned schema) whose type is `typeName`: where an enum's values are read. */
function placesOfType(schema: GraphQLSchema, usage: GraphqlUsage, typeName: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [coordinate, byEndpoint] of usage.fields) {
    const [owner, field] = coordinate.split('.') as [string, string];
    const type = schema.getType(owner);
    if (!(isObjectType(type) || isInterfaceType(type)) || getNamedType(type.getFields()[field]?.type)?.name !== typeName) continue;
    for (const [endpoint, paths] of byEndpoint) out.set(endpoint, new Set([...(out.get(endpoint) ?? []), ...paths]));
  }
  return out;
}

/** Endpoints that send or read something, with no paths to show. */
function only(endpoints: Iterable<string> | undefined): Places {
  return new Map([...(endpoints ?? [])].map((e) => [e, new Set<string>()]));
}

/** One delta per endpoint that uses the change, with its paths; one connector-wide delta when none does. */
function place(places: Places | undefined, make: (used: boolean, selectedAt: string[]) => Delta): PlacedDelta[] {
  const entries = [...(places ?? [])].sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return [{ endpoint: '*', delta: make(false, []) }];
  return entries.map(([endpoint, paths]) => ({ endpoint, delta: make(true, [...paths].sort()) }));
}

function input(path: string, detail: string, change: GraphqlInputChanged['change'], certain: boolean, values: { before?: string; after?: string }) {
  return (used: boolean): Delta => ({ kind: 'graphql-input-changed', location: 'graphql', path, used, detail, change, certain, ...values });
}

/**
 * Typed deltas for the inspector's changes between `before` (the pinned schema) and the live one, scoped by `usage`
 * (computed against `before`). Changes nobody could be hurt by (additions, descriptions, safe widenings) are left out.
 */
function deltasFromChanges(changes: readonly Change[], before: GraphQLSchema, usage: GraphqlUsage): PlacedDelta[] {
  const out: PlacedDelta[] = [];
  const added = new Map<string, string[]>();
  for (const change of changes) {
    const detail = change.message;
    switch (change.type) {
      case 'FIELD_REMOVED': {
        const m = change.meta as Meta<FieldRemovedChange>;
        const path = `${m.typeName}.${m.removedFieldName}`;
        const was = fieldType(before, m.typeName, m.removedFieldName);
        out.push(...place(usage.fields.get(path), (used, selectedAt) => ({ kind: 'graphql-field-removed', location: 'graphql', path, used, detail, selectedAt, before: was })));
        break;
      }
      case 'FIELD_TYPE_CHANGED': {
        const m = change.meta as Meta<FieldTypeChangedChange>;
        const path = `${m.typeName}.${m.fieldName}`;
        out.push(
          ...place(usage.fields.get(path), (used, selectedAt) => ({
            kind: 'graphql-field-type-changed', location: 'graphql', path, used, detail, selectedAt, before: m.oldFieldType, after: m.newFieldType, safe: m.isSafeFieldTypeChange,
          })),
        );
        break;
      }
      case 'FIELD_DEPRECATION_ADDED': {
        const m = change.meta as Meta<FieldDeprecationAddedChange>;
        const path = `${m.typeName}.${m.fieldName}`;
        const reason = m.deprecationReason;
        out.push(...place(usage.fields.get(path), (used, selectedAt) => ({ kind: 'graphql-field-deprecated', location: 'graphql', path, used, detail, selectedAt, ...(reason ? { reason } : {}) })));
        break;
      }
      case 'FIELD_ARGUMENT_ADDED': {
        const m = change.meta as Meta<FieldArgumentAddedChange>;
        if (!m.isAddedFieldArgumentBreaking) break; // optional: nobody has to send it
        const field = usage.fields.get(`${m.typeName}.${m.fieldName}`);
        out.push(...place(only(field?.keys()), input(`${m.typeName}.${m.fieldName}(${m.addedArgumentName}:)`, detail, 'added-required', true, { after: m.addedArgumentType })));
        break;
      }
      case 'FIELD_ARGUMENT_REMOVED': {
        const m = change.meta as Meta<FieldArgumentRemovedChange>;
        const path = `${m.typeName}.${m.fieldName}(${m.removedFieldArgumentName}:)`;
        out.push(...place(only(usage.arguments.get(path)), input(path, detail, 'removed', true, { before: m.removedFieldType })));
        break;
      }
      case 'FIELD_ARGUMENT_TYPE_CHANGED': {
        const m = change.meta as Meta<FieldArgumentTypeChangedChange>;
        if (m.isSafeArgumentTypeChange) break; // wider for a sender: what was valid stays valid
        const path = `${m.typeName}.${m.fieldName}(${m.argumentName}:)`;
        out.push(...place(only(usage.arguments.get(path)), input(path, detail, 'type-changed', true, { before: m.oldArgumentType, after: m.newArgumentType })));
        break;
      }
      case 'INPUT_FIELD_ADDED': {
        const m = change.meta as Meta<InputFieldAddedChange>;
        if (m.isAddedInputFieldTypeNullable || m.addedFieldDefault !== undefined) break;
        out.push(...place(only(usage.sends.get(m.inputName)), input(`${m.inputName}.${m.addedInputFieldName}`, detail, 'added-required', true, { after: m.addedInputFieldType })));
        break;
      }
      case 'INPUT_FIELD_REMOVED': {
        const m = change.meta as Meta<InputFieldRemovedChange>;
        // Whether the variables set this very field is not known here: the operation sends the type, maybe not the field.
        out.push(...place(only(usage.sends.get(m.inputName)), input(`${m.inputName}.${m.removedFieldName}`, detail, 'removed', false, {})));
        break;
      }
      case 'INPUT_FIELD_TYPE_CHANGED': {
        const m = change.meta as Meta<InputFieldTypeChangedChange>;
        if (m.isInputFieldTypeChangeSafe) break;
        out.push(...place(only(usage.sends.get(m.inputName)), input(`${m.inputName}.${m.inputFieldName}`, detail, 'type-changed', false, { before: m.oldInputFieldType, after: m.newInputFieldType })));
        break;
      }
      case 'ENUM_VALUE_ADDED': {
        // Several values added to one enum are one change to whoever reads it.
        const m = change.meta as Meta<EnumValueAddedChange>;
        if (!m.addedToNewType) added.set(m.enumName, [...(added.get(m.enumName) ?? []), m.addedEnumValueName]);
        break;
      }
      default: {
        const level = change.criticality.level === 'BREAKING' ? 'breaking' : change.criticality.level === 'DANGEROUS' ? 'dangerous' : undefined;
        if (level === undefined) break;
        const typeName = (change.path ?? '').split('.')[0] ?? '';
        const users = new Set([...(usage.reads.get(typeName) ?? []), ...(usage.sends.get(typeName) ?? [])]);
        const path = change.path ?? change.type;
        out.push(...place(only(users), (used) => ({ kind: 'graphql-schema-changed', location: 'graphql', path, used, detail, change: change.type, level })));
      }
    }
  }
  for (const [enumName, values] of added) {
    const type = before.getType(enumName);
    const known = isEnumType(type) ? type.getValues().map((v) => v.name) : [];
    const detail = `Enum ${enumName} gained ${values.join(', ')}`;
    out.push(
      ...place(placesOfType(before, usage, enumName), (used, selectedAt) => ({
        kind: 'graphql-enum-value-added', location: 'graphql', path: enumName, used, detail, selectedAt, before: known, after: [...values].sort(),
      })),
    );
  }
  return out;
}

/** Diffs the pinned schema against the live one and scopes the changes by the connector's operations. */
export async function graphqlSchemaDeltas(pinned: GraphQLSchema, live: GraphQLSchema, operations: readonly UsedOperation[]): Promise<PlacedDelta[]> {
  const changes = await diff(pinned, live);
  return deltasFromChanges(changes, pinned, graphqlUsage(pinned, operations));
}
