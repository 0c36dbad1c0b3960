import { graphql } from '../generated/gql.ts';
import type { MapEventFieldsFragment, MapSeatFieldsFragment } from '../generated/graphql.ts';

// What the map draws for an event: documents whose events go on a map select at least this.
graphql(`
  fragment MapEventFields on Event {
    id
    kind
    title
    startsAt
    location {
      lat
      lng
    }
  }
`);

// A named place and where it is on the map.
graphql(`
  fragment PlaceFields on Place {
    label
    location {
      lat
      lng
    }
  }
`);

// A seat's 2024 majority, for the marginality shading.
graphql(`
  fragment MapSeatFields on Constituency {
    code
    name
    majorityPct
  }
`);

/** Every seat, for the shading (and for pickers, by name). */
export const CONSTITUENCIES_QUERY = graphql(`
  query Constituencies {
    constituencies {
      ...MapSeatFields
    }
  }
`);

export type MapEvent = MapEventFieldsFragment;
/**
 * A seat to shade; `isMarginal` adds an outline with `majority` shading; `coverage` (sign-ups over goal) shades it with
 * `coverage` shading, outlined while below 1.
 */
export type MapSeat = Omit<MapSeatFieldsFragment, '__typename'> & { isMarginal?: boolean; coverage?: number };
