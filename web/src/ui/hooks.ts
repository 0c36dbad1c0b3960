import { useEffect, useRef, useState } from 'react';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} – Rallypoint` : 'Rallypoint';
  }, [title]);
}

/** `value`, once it has stopped changing for `delayMs` (the first non-null value passes at once). */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  const settled = useRef(value != null);
  useEffect(() => {
    const delay = settled.current ? delayMs : 0;
    if (value != null) settled.current = true;
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
