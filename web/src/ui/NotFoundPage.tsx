import { Link } from './router.tsx';
import { usePageTitle } from './hooks.ts';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Find events near you</Link>.
      </p>
    </div>
  );
}
