import { useGraphQlJit } from '@envelop/graphql-jit';
import {
  defaultFieldResolver,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * The public discovery queries, the busiest traffic, run compiled (graphql-jit): each document is compiled once and
 * then runs as plain code instead of being walked field by field. Everything else runs on graphql-js, because
 * graphql-jit differs where the rest of the API depends on it:
 * - it builds a new `info.path` object for every resolver call, while @pothos/plugin-prisma finds what a parent's
 *   query loaded by the identity of the parent's path (`info.path.prev`). Nested selections then look unloaded and
 *   fields reload their parent by its key, which fails for rows that are not a table's: a lift proposal's
 *   `viewerSide` answers "No record was found" (the lift pages). Compiled operations get stable paths (`stablePath`).
 * - subscriptions under it fail the live-stream tests;
 * - its variable errors suggest no names. Outside production invalid variables go to graphql-js, which suggests the
 *   name meant; production hides suggestions anyway, so it does not pay to check the variables twice.
 */
export const COMPILED_ROOT_FIELDS = new Set(['eventsNear', 'eventsInBox']);

/** The operation a request runs when it is a query of compiled root fields only, else null (memoised per document). */
const operations = new WeakMap<DocumentNode, Map<string | null | undefined, OperationDefinitionNode | null>>();
export function compiledOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | null {
  let byName = operations.get(document);
  if (!byName) {
    byName = new Map();
    operations.set(document, byName);
  }
  if (byName.has(operationName)) return byName.get(operationName) ?? null;
  const operation = getOperationAST(document, operationName);
  const eligible =
    operation?.operation === 'query' &&
    operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && COMPILED_ROOT_FIELDS.has(s.name.value))
      ? operation
      : null;
  byName.set(operationName, eligible);
  return eligible;
}

type Path = { prev: Path | undefined; key: string | number; typename?: string | undefined };
const CHILDREN = Symbol('children');
type StablePath = Path & { [CHILDREN]?: Map<string | number, StablePath> };

/** Contexts of compiled executions, with the root of their stable paths. */
const compiled = new WeakMap<object, Map<string | number, StablePath>>();

/** The one path object per response position for this execution, as graphql-js would hand out. */
function stablePath(roots: Map<string | number, StablePath>, path: Path | undefined): StablePath | undefined {
  if (!path) return undefined;
  const prev = stablePath(roots, path.prev);
  if (prev && !prev[CHILDREN]) prev[CHILDREN] = new Map();
  const siblings = prev ? prev[CHILDREN]! : roots;
  let found = siblings.get(path.key);
  if (!found) {
    found = { prev, key: path.key, typename: path.typename };
    siblings.set(path.key, found);
  }
  return found;
}

const prepared = new WeakSet<GraphQLSchema>();

/** The resolvers that read `info.path` (the Prisma plugin's fields, and root fields that plan a query) see stable paths. */
function prepare(schema: GraphQLSchema) {
  if (prepared.has(schema)) return;
  prepared.add(schema);
  const root = schema.getQueryType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (type !== root && !Object.keys(field.extensions).some((k) => k.startsWith('pothosPrisma'))) continue;
      const resolve: GraphQLFieldResolver<unknown, object> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const roots = compiled.get(context);
        if (roots) (info as { path: unknown }).path = stablePath(roots, info.path as Path);
        return resolve(source, args, context, info);
      };
    }
  }
}

/** `onCompiled` is told of each execution that runs compiled (tests). */
export function compiledDiscovery({
  production = false,
  onCompiled,
}: { production?: boolean; onCompiled?: (operation: OperationDefinitionNode) => void } = {}): Plugin {
  return useGraphQlJit(
    {},
    {
      enableIf: ({ schema, document, operationName, variableValues, contextValue }) => {
        const operation = compiledOperation(document, operationName);
        if (!operation || typeof contextValue !== 'object' || contextValue === null) return false;
        if (!production && getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {}).errors) return false;
        prepare(schema);
        compiled.set(contextValue, new Map());
        onCompiled?.(operation);
        return true;
      },
    },
  ) as Plugin;
}
