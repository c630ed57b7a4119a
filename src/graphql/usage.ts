// What the connector's GraphQL operations use of a schema: the fields they select (and where in `data`), the arguments
// they pass, the types they read and send. The scope in which a schema change is judged, as pacts are for REST.
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface GraphqlUsage {
  /** `Type.field` -> endpoint id -> JSONPaths into the endpoint's `data` where it is read. */
  fields: Map<string, Map<string, Set<string>>>;
  /** `Type.field(arg:)` -> endpoint ids whose operation passes it. */
  arguments: Map<string, Set<string>>;
  /** Named output types (objects, interfaces, unions, enums, scalars) -> endpoint ids that read them. */
  reads: Map<string, Set<string>>;
  /** Named input types (input objects, enums, scalars) -> endpoint ids that send them (variables, arguments). */
  sends: Map<string, Set<string>>;
}

export interface UsedOperation {
  endpoint: string;
  document: DocumentNode;
}

function add<K>(map: Map<K, Set<string>>, key: K, endpoint: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(endpoint);
  map.set(key, set);
}

/** `[Invoice!]!` adds one `[*]`; lists of lists one per level. */
function listSuffix(type: GraphQLOutputType): string {
  let suffix = '';
  let current: GraphQLOutputType = type;
  for (;;) {
    if (isNonNullType(current)) current = current.ofType;
    else if (isListType(current)) {
      suffix += '[*]';
      current = current.ofType;
    } else return suffix;
  }
}

class Walker {
  readonly usage: GraphqlUsage = { fields: new Map(), arguments: new Map(), reads: new Map(), sends: new Map() };

  constructor(private readonly schema: GraphQLSchema) {}

  operation(endpoint: string, document: DocumentNode): void {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!op) return;
    const root = op.operation === 'mutation' ? this.schema.getMutationType() : op.operation === 'subscription' ? this.schema.getSubscriptionType() : this.schema.getQueryType();
    if (!root) return;
    for (const variable of op.variableDefinitions ?? []) {
      const type = typeFromAST(this.schema, variable.type);
      if (type) this.send(getNamedType(type), endpoint, new Set());
    }
    add(this.usage.reads, root.name, endpoint);
    this.selections(op.selectionSet, root, '$', endpoint, fragments, new Set());
  }

  /** Records a field on the type it was selected on and, for an interface or union, on every type that implements it. */
  private field(parent: GraphQLCompositeType, name: string, path: string, endpoint: string): void {
    const owners = isAbstractType(parent) ? [parent, ...this.schema.getPossibleTypes(parent)] : [parent];
    for (const owner of owners) {
      const byEndpoint = this.usage.fields.get(`${owner.name}.${name}`) ?? new Map<string, Set<string>>();
      const paths = byEndpoint.get(endpoint) ?? new Set<string>();
      paths.add(path);
      byEndpoint.set(endpoint, paths);
      this.usage.fields.set(`${owner.name}.${name}`, byEndpoint);
    }
  }

  private selections(set: SelectionSetNode, parent: GraphQLCompositeType, path: string, endpoint: string, fragments: Map<string, FragmentDefinitionNode>, visiting: Set<string>): void {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const def = parent.getFields()[name];
        if (!def) continue; // not in this schema: validation against the live schema says so, not usage
        const at = `${path}.${selection.alias?.value ?? name}`;
        this.field(parent, name, at, endpoint);
        for (const arg of selection.arguments ?? []) {
          add(this.usage.arguments, `${parent.name}.${name}(${arg.name.value}:)`, endpoint);
          const argDef = def.args.find((a) => a.name === arg.name.value);
          if (argDef) this.send(getNamedType(argDef.type), endpoint, new Set());
        }
        const named = getNamedType(def.type);
        add(this.usage.reads, named.name, endpoint);
        if (selection.selectionSet && isCompositeType(named)) this.selections(selection.selectionSet, named, `${at}${listSuffix(def.type)}`, endpoint, fragments, visiting);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parent;
        if (!condition || !isCompositeType(condition)) continue;
        add(this.usage.reads, condition.name, endpoint);
        this.selections(selection.selectionSet, condition, path, endpoint, fragments, visiting);
      } else {
        const fragment = fragments.get(selection.name.value);
        // A fragment spread inside itself is invalid GraphQL; the guard keeps a hostile query from looping.
        if (!fragment || visiting.has(fragment.name.value)) continue;
        const condition = this.schema.getType(fragment.typeCondition.name.value);
        if (!condition || !isCompositeType(condition)) continue;
        add(this.usage.reads, condition.name, endpoint);
        this.selections(fragment.selectionSet, condition, path, endpoint, fragments, new Set([...visiting, fragment.name.value]));
      }
    }
  }

  /** An input type the operation sends, with every input type reachable through its fields. */
  private send(type: GraphQLNamedType, endpoint: string, seen: Set<string>): void {
    if (seen.has(type.name)) return;
    seen.add(type.name);
    add(this.usage.sends, type.name, endpoint);
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) this.send(getNamedType(field.type), endpoint, seen);
  }
}

/** The usage of `operations` (parsed queries of the connector's GraphQL endpoints) in `schema`. */
export function graphqlUsage(schema: GraphQLSchema, operations: readonly UsedOperation[]): GraphqlUsage {
  const walker = new Walker(schema);
  for (const { endpoint, document } of operations) walker.operation(endpoint, document);
  return walker.usage;
}
