import type { ReactNode } from 'react';
import { Navigate, useLocation } from '../ui/router.tsx';
import { signInPath } from './next.ts';
import { type Viewer, useViewer } from './viewer.ts';

/** Renders its children with the signed-in member, or sends the visitor to sign in and back. */
export function RequireSignIn({ children }: { children: (viewer: Viewer) => ReactNode }) {
  const { viewer, loading } = useViewer();
  const location = useLocation();
  if (loading) {
    return (
      <div className="page">
        <p role="status">Loading…</p>
      </div>
    );
  }
  if (!viewer) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  return <>{children(viewer)}</>;
}
