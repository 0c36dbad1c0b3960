import { Link } from '../ui/router.tsx';
import { useViewer } from '../account/viewer.ts';
import { PostcodeForm } from '../ui/PostcodeForm.tsx';
import { usePageTitle } from '../ui/hooks.ts';

export function HomePage() {
  usePageTitle('');
  const { viewer } = useViewer();
  const home = viewer?.homeArea;
  return (
    <div className="page home">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">Find campaign events near you</h1>
        <p className="lead">
          Canvassing, phone banks, street stalls, meetings and rallies organised by members in your area.
        </p>
        <PostcodeForm />
        {home && (
          <p className="home-area-link">
            <Link to={`/near/${encodeURIComponent(home.label.replace(/ /g, ''))}`}>Events near {home.label}</Link>{' '}
            <span className="hint">(your home area)</span>
          </p>
        )}
      </section>
      <section className="home-cards" aria-label="What you can do">
        <div className="card">
          <h2>Help where it counts</h2>
          <p>Elections are decided in marginal seats. See the ones nearest to you and the canvasses planned there.</p>
          <Link to="/marginals" className="button button-secondary">
            Nearest marginals
          </Link>
        </div>
        <div className="card">
          <h2>Organise something</h2>
          <p>Put a street stall, canvass or meeting on the map for members nearby.</p>
          <Link to="/events/new" className="button button-secondary">
            Create an event
          </Link>
        </div>
        <div className="card">
          <h2>Keep track</h2>
          <p>See the events you are going to and the ones you run, and add them to your calendar.</p>
          <Link to="/plans" className="button button-secondary">
            My plans
          </Link>
        </div>
        {!viewer && (
          <div className="card">
            <h2>New here?</h2>
            <p>An account lets you sign up for events and organise your own.</p>
            <Link to="/signup" className="button button-secondary">
              Create an account
            </Link>
          </div>
        )}
      </section>
    </div>
  );
}
