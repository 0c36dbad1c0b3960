import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { Plugin } from 'graphql-yoga';

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

export function graphqlProtections(production: boolean): Plugin[] {
  return [
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
    ...(production ? [useDisableIntrospection() as Plugin] : []),
  ];
}
