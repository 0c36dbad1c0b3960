import { type FocusEvent, type KeyboardEvent, type ReactNode, Suspense, useEffect, useRef, useState } from 'react';
import { Link, NavLink, useLocation, useNavigate } from './router.tsx';
import { useMutation } from 'urql';
import { ATTRIBUTION } from '../map/attribution.ts';
import { SIGN_OUT_MUTATION, useViewer } from '../account/viewer.ts';
import { useResetSession } from '../client.tsx';
import { usePageLoading } from './page-loading.ts';

function useFocusOnNavigate() {
  const { pathname, hash } = useLocation();
  const lastPath = useRef(pathname);
  useEffect(() => {
    if (lastPath.current === pathname || hash) return;
    lastPath.current = pathname;
    // Move focus to the new page's heading so screen-reader and keyboard users start at the content.
    const frame = requestAnimationFrame(() => {
      const target = document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main');
      if (target) {
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus({ preventScroll: false });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname, hash]);
}

function Header() {
  const { viewer, loading } = useViewer();
  const [, signOut] = useMutation(SIGN_OUT_MUTATION);
  const resetSession = useResetSession();
  const navigate = useNavigate();
  const location = useLocation();

  const onSignOut = async () => {
    await signOut({});
    resetSession();
    navigate('/', { state: { flash: 'You have signed out.' } });
  };

  // On small screens the links fold behind a menu button (a disclosure); styles.css shows them always on wide ones.
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  // Following a link closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);
  // Focus moving out of the open menu (Tab past its last link, a tap elsewhere) closes it, so it hides nothing.
  const onMenuBlur = (e: FocusEvent<HTMLElement>) => {
    if (menuOpen && !e.currentTarget.contains(e.relatedTarget as Node | null)) setMenuOpen(false);
  };
  const onMenuKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && menuOpen) {
      setMenuOpen(false);
      menuButton.current?.focus();
    }
  };

  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Rallypoint
        </Link>
        <nav aria-label="Main" onKeyDown={onMenuKey} onBlur={onMenuBlur}>
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="main-nav-list"
            ref={menuButton}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span className="menu-icon" aria-hidden="true" />
            Menu
          </button>
          <ul className={menuOpen ? 'nav-list open' : 'nav-list'} id="main-nav-list">
            <li>
              <NavLink to="/" end>
                Find events
              </NavLink>
            </li>
            <li>
              <NavLink to="/marginals">Nearest marginals</NavLink>
            </li>
            <li>
              <NavLink to="/events/new">Create event</NavLink>
            </li>
            <li>
              <NavLink to="/plans">My plans</NavLink>
            </li>
            {viewer && viewer.role !== 'MEMBER' && (
              <li>
                <NavLink to="/organise">Organise</NavLink>
              </li>
            )}
            {viewer && viewer.role === 'MEMBER' && (
              <li>
                <NavLink to="/organise/events">My events</NavLink>
              </li>
            )}
            {!loading && !viewer && (
              <li>
                <NavLink
                  to={here.startsWith('/signin') || here.startsWith('/signup') ? '/signin' : `/signin?next=${encodeURIComponent(here)}`}
                >
                  Sign in
                </NavLink>
              </li>
            )}
            {viewer && (
              <li>
                <button type="button" className="link-button" onClick={onSignOut}>
                  Sign out<span className="visually-hidden"> ({viewer.displayName})</span>
                </button>
              </li>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

function Footer() {
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        <p>Rallypoint is open-source software for grassroots campaigning.</p>
        <h2 className="footer-heading">Data sources</h2>
        <ul className="attributions">
          <li>{ATTRIBUTION.parliament}</li>
          <li>{ATTRIBUTION.boundaries}</li>
          <li>{ATTRIBUTION.northernIreland}</li>
          <li>{ATTRIBUTION.postcodes}</li>
          <li>
            {import.meta.env.VITE_MAPBOX_TOKEN
              ? 'Street maps © Mapbox © OpenStreetMap contributors.'
              : 'Maps drawn with MapLibre GL from the constituency boundaries above.'}
          </li>
        </ul>
      </div>
    </footer>
  );
}

/** A one-off message passed in navigation state, e.g. `navigate('/', { state: { flash: 'Signed out.' } })`. */
function Flash() {
  const location = useLocation();
  const flash = (location.state as { flash?: unknown } | null)?.flash;
  if (typeof flash !== 'string') return null;
  return (
    <p className="flash" role="status">
      {flash}
    </p>
  );
}

/** The bar, the page (`children`, in a Suspense boundary for pages whose code is loading) and the footer. */
export function Layout({ children }: { children: ReactNode }) {
  useFocusOnNavigate();
  const navigating = usePageLoading();
  return (
    <>
      {navigating && <div className="nav-progress" aria-hidden="true" />}
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Flash />
        <Suspense
          fallback={
            <p className="boot-status" role="status">
              Loading…
            </p>
          }
        >
          {children}
        </Suspense>
      </main>
      <Footer />
    </>
  );
}
