import { useQuery } from 'urql';
import { graphql } from '../generated/gql.ts';
import type { ViewerFieldsFragment } from '../generated/graphql.ts';

export type Viewer = ViewerFieldsFragment;

graphql(`
  fragment ViewerFields on Me {
    id
    email
    emailVerified
    firstName
    lastName
    displayName
    role
    homeArea {
      ...PlaceFields
    }
  }
`);

const ME_QUERY = graphql(`
  query Me {
    me {
      ...ViewerFields
    }
  }
`);

export const SIGN_OUT_MUTATION = graphql(`
  mutation SignOut {
    signOut
  }
`);

/** The signed-in member, or null; `loading` until the first answer. */
export function useViewer(): { viewer: Viewer | null; loading: boolean } {
  const [{ data, fetching }] = useQuery({ query: ME_QUERY });
  return { viewer: data?.me ?? null, loading: fetching && !data };
}
