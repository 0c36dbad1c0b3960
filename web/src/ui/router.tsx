import { type AnchorHTMLAttributes, createContext, type ReactNode, type Ref, startTransition, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Link as WouterLink, Redirect, Router, useLocation as useWouterLocation, useParams as useWouterParams } from 'wouter';
import { navigate as historyNavigate } from 'wouter/use-browser-location';

// The app's router: wouter (about 2 KB gzip), with react-router's names for what the pages use.

export { Route, Switch } from 'wouter';

interface Location {
  pathname: string;
  search: string;
  hash: string;
  /** What the navigation passed as `state` (e.g. a flash message), or null. */
  state: unknown;
}

const read = (): Location => ({ pathname: location.pathname, search: location.search, hash: location.hash, state: history.state });
const LocationCtx = createContext<Location>(read());
// wouter's routes and links read the location through these. It matches routes against decodeURI(pathname), which
// turns %25 into a bare %: escaped once more here, so useParams below decodes every escape exactly once.
const pathnameHook = () => [useContext(LocationCtx).pathname.replace(/%25/gi, '%2525'), historyNavigate] as [string, typeof historyNavigate];
const searchHook = () => useContext(LocationCtx).search;

/**
 * The browser's location, for every route and hook under it. A change renders as a transition, as react-router's did:
 * the old page stays up until the new page's code has arrived, instead of blanking to the loading state.
 */
export function BrowserRouter({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState(read);
  useEffect(() => {
    // wouter's history module dispatches pushState and replaceState as events.
    const update = () => startTransition(() => setCurrent(read()));
    const events = ['popstate', 'pushState', 'replaceState', 'hashchange'];
    for (const e of events) addEventListener(e, update);
    return () => {
      for (const e of events) removeEventListener(e, update);
    };
  }, []);
  return (
    <LocationCtx.Provider value={current}>
      <Router hook={pathnameHook} searchHook={searchHook}>
        {children}
      </Router>
    </LocationCtx.Provider>
  );
}

export const useLocation = (): Location => useContext(LocationCtx);

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

/** `navigate(to, { replace, state })`: `to` is a path from the root, with any query. */
export function useNavigate(): (to: string, options?: NavigateOptions) => void {
  return useWouterLocation()[1] as (to: string, options?: NavigateOptions) => void;
}

/**
 * The query's parameters, and a setter that goes to this path with new ones (`{ replace: true }` to replace the entry).
 * Not wouter's: it decodes the query once before URLSearchParams decodes it again (`%253D` would come back as `=`).
 */
export function useSearchParams(): [URLSearchParams, (next: URLSearchParams | Record<string, string>, options?: NavigateOptions) => void] {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const setParams = useCallback(
    (next: URLSearchParams | Record<string, string>, options?: NavigateOptions) => {
      const query = new URLSearchParams(next).toString();
      navigate(query ? `${pathname}?${query}` : pathname, options);
    },
    [navigate, pathname],
  );
  return [params, setParams];
}

const decode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** The route's parameters, decoded (`/near/LS6%201AN` gives `LS6 1AN`). */
export function useParams(): Record<string, string | undefined> {
  const params = useWouterParams();
  return useMemo(() => Object.fromEntries(Object.entries(params).flatMap(([k, v]) => (/^\d+$/.test(k) || v == null ? [] : [[k, decode(v)]]))), [params]);
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; replace?: boolean; state?: unknown; ref?: Ref<HTMLAnchorElement> };

export function Link({ to, ...props }: LinkProps) {
  return <WouterLink href={to} {...props} />;
}

/** A link that says `aria-current="page"` while its path (or, without `end`, a path under it) is showing. */
export function NavLink({ to, end = false, ...props }: LinkProps & { end?: boolean }) {
  const { pathname } = useLocation();
  const path = to.split(/[?#]/)[0]!.toLowerCase();
  const here = pathname.toLowerCase().replace(/(.)\/$/, '$1');
  const active = here === path || (!end && here.startsWith(path === '/' ? '/' : `${path}/`));
  return <Link to={to} aria-current={active ? 'page' : undefined} {...props} />;
}

/** Goes to `to` once rendered (replacing the current entry with `replace`). */
export function Navigate({ to, replace = false }: { to: string; replace?: boolean }) {
  return <Redirect to={to} replace={replace} />;
}
