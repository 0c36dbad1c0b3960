import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { type DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import { isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';

/** Well above the web app's largest operation (a test checks every one of them fits). */
export const GRAPHQL_LIMITS = {
  maxDepth: 12,
  maxAliases: 10,
  maxDirectives: 10,
  maxTokens: 2_000,
  maxCost: 5_000,
} as const;

/** The header the web client sends; a cross-site form or <img> cannot, so cookie-bearing simple requests are refused. */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

const hasNul = (v: unknown): boolean =>
  typeof v === 'string'
    ? v.includes('\0')
    : Array.isArray(v)
      ? v.some(hasNul)
      : v !== null && typeof v === 'object' && Object.values(v).some(hasNul);

// Documents come from yoga's parse cache, so each distinct one is scanned for NUL literals once.
const literalNul = new WeakMap<object, boolean>();

function hasNulLiteral(document: DocumentNode): boolean {
  let found = literalNul.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      [Kind.STRING](node) {
        if (node.value.includes('\0')) found = true;
      },
    });
    literalNul.set(document, found);
  }
  return found;
}

/** PostgreSQL cannot store U+0000 in text: refuse it up front with a clear message, in literals and variables. */
const rejectNulCharacters: Plugin = {
  onExecute({ args, setResultAndStopExecution }) {
    if (hasNul(args.variableValues) || hasNulLiteral(args.document)) {
      setResultAndStopExecution({ errors: [new GraphQLError('Text must not contain the NUL character (U+0000)')] });
    }
  },
};

// graphql-js suggests near names in validation and in variable coercion; armor's marker still says one exists.
const SUGGESTION = /\s*(?:Did you mean [^?]*\?|\[Suggestion hidden\])/g;

type ResultError = GraphQLError | { message: string; extensions?: Record<string, unknown> };

/** The error without suggestions, nor the parser detail yoga attaches to a body it could not read. */
function withoutHints<E extends ResultError>(error: E): E {
  const message = error.message.replace(SUGGESTION, '');
  const { originalError, ...extensions } = (error.extensions ?? {}) as Record<string, unknown>;
  if (message === error.message && originalError === undefined) return error;
  if (!(error instanceof GraphQLError)) return { ...error, message, extensions };
  const { nodes, source, positions, path } = error;
  return new GraphQLError(message, { nodes, source, positions, path, originalError: error.originalError, extensions }) as E;
}

function resultWithoutHints<R extends { errors?: readonly ResultError[] }>(result: R): R {
  if (!result.errors?.length) return result;
  const errors = result.errors.map(withoutHints);
  return errors.every((e, i) => e === result.errors![i]) ? result : { ...result, errors };
}

/** Every result leaving yoga (parse, validation, variables, execution, each SSE message) loses its hints. */
const hideHints: Plugin = {
  onResultProcess({ result, setResult }) {
    if (isAsyncIterable(result)) setResult(mapAsyncIterator(result, resultWithoutHints));
    else setResult(Array.isArray(result) ? result.map(resultWithoutHints) : resultWithoutHints(result));
  },
};

export function graphqlProtections(production: boolean): Plugin[] {
  return [
    rejectNulCharacters,
    EnvelopArmorPlugin({
      maxDepth: { n: GRAPHQL_LIMITS.maxDepth, ignoreIntrospection: true },
      maxAliases: { n: GRAPHQL_LIMITS.maxAliases },
      maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
      maxTokens: { n: GRAPHQL_LIMITS.maxTokens },
      costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, ignoreIntrospection: true },
      // Suggestions ("Did you mean …?") map the schema for an attacker once introspection is off.
      blockFieldSuggestion: { enabled: production },
    }) as Plugin,
    useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
    ...(production ? [useDisableIntrospection() as Plugin, hideHints] : []),
  ];
}
