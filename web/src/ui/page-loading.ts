import { useSyncExternalStore } from 'react';

// How many pages' code is loading: the layout shows a progress bar meanwhile.
let loading = 0;
const listeners = new Set<() => void>();

export function pageLoading(change: 1 | -1) {
  loading += change;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export const usePageLoading = () => useSyncExternalStore(subscribe, () => loading > 0);
