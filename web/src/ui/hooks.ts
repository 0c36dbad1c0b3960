import { type RefObject, useEffect, useRef, useState } from 'react';

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

/**
 * False until the browser has shown the component's first render, then true: for content below the fold that should
 * not compete with what is on screen. "Shown" is the next largest-paint report (browsers report it once the frame is
 * on screen, which can be well after the frame's callbacks on a busy phone); at most a second.
 */
export function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    const done = () => setPainted(true);
    const fallback = setTimeout(done, 1000);
    let observer: PerformanceObserver | undefined;
    const frame = requestAnimationFrame(() => {
      if (!PerformanceObserver.supportedEntryTypes?.includes('largest-contentful-paint')) return void setTimeout(done, 0);
      observer = new PerformanceObserver(done);
      observer.observe({ type: 'largest-contentful-paint' });
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(fallback);
      observer?.disconnect();
    };
  }, []);
  return painted;
}

/**
 * Whether the element is on screen or within 200 px of it, latched: content down a phone's page (an event's map and
 * lifts, below its details) waits until it is scrolled towards, instead of loading with the page.
 */
export function useNearViewport(ref: RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: '200px 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [near, ref]);
  return near;
}
