import { useQuery } from 'urql';
import { ORGANISER_VIEWER_QUERY } from './documents.ts';

export interface OrganiserViewer {
  id: string;
  role: 'MEMBER' | 'ORGANISER' | 'ADMIN';
  regions: { id: string; name: string }[];
}

/** The signed-in member with their role and regions (null when signed out); `loading` until the first answer. */
export function useOrganiserViewer(): { me: OrganiserViewer | null; loading: boolean } {
  const [{ data, fetching }] = useQuery({ query: ORGANISER_VIEWER_QUERY });
  return { me: data?.me ?? null, loading: fetching && !data };
}

/** Organisers and admins run campaigns; members see only the events they host or co-host. */
export const isOrganiser = (me: OrganiserViewer | null): boolean => me !== null && me.role !== 'MEMBER';
