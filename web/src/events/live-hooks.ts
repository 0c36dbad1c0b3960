import { useState } from 'react';
import { type LiveCounts, placesAnnouncement, sameCounts } from './live.ts';

/** The latest thing worth announcing about an event's places (see `placesAnnouncement`), or ''. */
export function usePlacesAnnouncement(counts: LiveCounts): string {
  const [state, setState] = useState({ counts, message: '' });
  if (!sameCounts(state.counts, counts)) {
    setState({ counts, message: placesAnnouncement(state.counts, counts) ?? state.message });
  }
  return state.message;
}
