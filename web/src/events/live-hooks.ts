import { useState } from 'react';
import { type LiveCounts, nextOverlay, type Overlay, placesAnnouncement, sameCounts } from './live.ts';

/** `pushed` once it has arrived after `base` was fetched; a newer `base` wins again (see `nextOverlay`). */
export function useLiveOverlay<B, L>(base: B, pushed: L | null): L | null {
  const [overlay, setOverlay] = useState<Overlay<B, L>>(() => ({ base, seen: pushed, live: null }));
  const next = nextOverlay(overlay, base, pushed);
  if (next !== overlay) setOverlay(next);
  return next.live;
}

/** The latest thing worth announcing about an event's places (see `placesAnnouncement`), or ''. */
export function usePlacesAnnouncement(counts: LiveCounts): string {
  const [state, setState] = useState({ counts, message: '' });
  if (!sameCounts(state.counts, counts)) {
    setState({ counts, message: placesAnnouncement(state.counts, counts) ?? state.message });
  }
  return state.message;
}
