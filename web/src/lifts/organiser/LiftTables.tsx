import { formatDeparture, type Shift, shiftTimeOf } from '../lifts.ts';
import { formatKm, plural } from './organiser-lifts.ts';
import type { MatchEveryoneSummary, OrganiserLiftOffer, OrganiserLiftRequest } from './documents.ts';

/** Where one request stands: proposals waiting on drivers (from the API, so they survive a reload), or the last run. */
function requestStatus(request: OrganiserLiftRequest, summary: MatchEveryoneSummary | null): string {
  if (request.proposals.length > 0) {
    const to = request.proposals.map((p) => `${p.offer.driver.displayName} (adds ${formatKm(p.detourKm)})`).join(', ');
    return `Proposed to ${to}: waiting for the driver to confirm`;
  }
  const planned = summary?.proposals.find((p) => p.request.id === request.id);
  if (planned) return `Proposed to ${planned.offer.driver.displayName} (adds ${formatKm(planned.detourKm)}): waiting for the driver to confirm`;
  if (summary?.unmatched.some((u) => u.id === request.id)) return 'No car could take them';
  return 'Waiting for a match';
}

/** The event's shifts, as the tables show them: a lift is for one (a column only when there are any). */
type Shifts = readonly Pick<Shift, 'id' | 'startsAt' | 'endsAt'>[];

export function RequestsTable({
  requests,
  offers,
  shifts,
  summary,
}: {
  requests: readonly OrganiserLiftRequest[];
  offers: readonly OrganiserLiftOffer[];
  shifts: Shifts;
  summary: MatchEveryoneSummary | null;
}) {
  const drivers = new Map(offers.map((o) => [o.id, o.driver.displayName]));
  const people = requests.reduce((n, r) => n + r.seats, 0);
  return (
    <div className="table-wrap">
      <h2 id="lift-requests-heading">Who still needs a lift</h2>
      {requests.length === 0 ? (
        <p>Nobody is waiting for a lift.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="table-scroll" tabIndex={0} aria-labelledby="lift-requests-heading">
          <table className="lift-table card-table" data-testid="lift-requests">
            <caption>
              {plural(people, 'person', 'people')} in {plural(requests.length, 'request', 'requests')} (a party always
              travels together)
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">From</th>
                {shifts.length > 0 && <th scope="col">Shift</th>}
                <th scope="col">Party</th>
                <th scope="col">Wheelchair</th>
                <th scope="col">Cars in reach</th>
                <th scope="col">Best detour</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => {
                const best = r.candidates?.[0];
                return (
                  <tr key={r.id}>
                    <th scope="row">{r.rider.displayName}</th>
                    <td data-label="From">{r.origin.label}</td>
                    {shifts.length > 0 && <td data-label="Shift">{shiftTimeOf(r.shift, shifts) ?? '–'}</td>}
                    <td data-label="Party">{r.seats}</td>
                    <td data-label="Wheelchair">{r.needsWheelchair ? 'Needs wheelchair access' : 'No'}</td>
                    <td data-label="Cars in reach">{r.candidates === null ? 'Unknown' : r.candidates.length === 0 ? 'None' : r.candidates.length}</td>
                    <td data-label="Best detour">{best ? `${formatKm(best.detourKm)} (${drivers.get(best.offer.id) ?? 'a driver'})` : '–'}</td>
                    <td data-label="Status">{requestStatus(r, summary)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

export function CarsTable({ offers, shifts, summary }: { offers: readonly OrganiserLiftOffer[]; shifts: Shifts; summary: MatchEveryoneSummary | null }) {
  const seats = offers.reduce((n, o) => n + o.seatsLeft, 0);
  return (
    <div className="table-wrap">
      <h2 id="lift-offers-heading">Cars offered</h2>
      {offers.length === 0 ? (
        <p>Nobody has offered a lift yet.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="table-scroll" tabIndex={0} aria-labelledby="lift-offers-heading">
          <table className="lift-table card-table" data-testid="lift-offers">
            <caption>
              {plural(offers.length, 'car', 'cars')}, {plural(seats, 'free seat', 'free seats')}
            </caption>
            <thead>
              <tr>
                <th scope="col">Driver</th>
                <th scope="col">From</th>
                {shifts.length > 0 && <th scope="col">Shift</th>}
                <th scope="col">Leaves</th>
                <th scope="col">Seats left</th>
                <th scope="col">Max detour</th>
                <th scope="col">Wheelchair accessible</th>
                {summary && <th scope="col">Proposed riders</th>}
              </tr>
            </thead>
            <tbody>
              {offers.map((o) => {
                const proposed = summary?.proposals.filter((p) => p.offer.id === o.id) ?? [];
                return (
                  <tr key={o.id}>
                    <th scope="row">{o.driver.displayName}</th>
                    <td data-label="From">{o.origin.label}</td>
                    {shifts.length > 0 && <td data-label="Shift">{shiftTimeOf(o.shift, shifts) ?? '–'}</td>}
                    <td data-label="Leaves">
                      <time dateTime={o.departAt}>{formatDeparture(o.departAt)}</time>
                    </td>
                    <td data-label="Seats left">
                      {o.seatsLeft} of {o.seats}
                    </td>
                    <td data-label="Max detour">{formatKm(o.maxDetourKm)}</td>
                    <td data-label="Wheelchair accessible">{o.wheelchairAccessible ? 'Yes' : 'No'}</td>
                    {summary && (
                      <td data-label="Proposed riders">{proposed.length === 0 ? 'None' : proposed.map((p) => p.request.rider.displayName).join(', ')}</td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
