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

/** Whether the CSS media query matches now; follows changes (rotation, resizing). */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}

/** The width at which results pages put the map beside the list (styles.css uses the same). */
export const WIDE_LAYOUT = '(min-width: 60rem)';
