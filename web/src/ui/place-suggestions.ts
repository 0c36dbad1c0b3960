import { graphql } from '../generated/gql.ts';

/** Seats and postcode districts matching what is typed in the place search (the search box and the results pages). */
export const PLACE_SUGGESTIONS_QUERY = graphql(`
  query PlaceSuggestions($query: String!, $first: Int) {
    placeSuggestions(query: $query, first: $first) {
      ... on QueryPlaceSuggestionsSuccess {
        data {
          kind
          code
          label
          detail
        }
      }
      ...ErrorFields
    }
  }
`);
