import { nearestMarginalsVariables, parseSeatCount } from './marginals-search.ts';
import { eventsNearInput, onlineEventsInput, PAGE_SIZE, parseNearFilters, type QueryParams, venueOnly } from './near-search.ts';
import { parseSearchTarget, placeInputOf } from './search-target.ts';

/** A query a page sends as soon as it renders, by operation name, with the variables the page gives it. */
export interface FirstQuery {
  operationName: string;
  variables: Record<string, unknown>;
}

/**
 * The queries a page sends before it can show its content, for a visitor who is not signed in, from its address
 * alone (the path as the browser has it, encoded). Pages whose first queries depend on another's answer (a seat's
 * place, a name to choose) give only the queries that do not.
 */
export function firstQueries(pathname: string, params: QueryParams): FirstQuery[] {
  const queries: FirstQuery[] = [{ operationName: 'Me', variables: {} }];
  const segments = pathname.split('/').slice(1);
  if (segments.at(-1) === '' && segments.length > 1) segments.pop();
  const decoded = segments.map(safeDecode);
  if (decoded.some((s) => s === null)) return queries;
  const [page, param, ...rest] = decoded as string[];
  if (rest.length > 0 || param === undefined) return queries;
  if (page === 'events' && param !== 'new' && param !== '') {
    queries.push({ operationName: 'Event', variables: { id: param } });
  } else if (page === 'near') {
    const place = placeInputOf(parseSearchTarget(param));
    if (!place) return queries;
    const filters = parseNearFilters(params);
    if (filters.format !== 'ONLINE') {
      queries.push({ operationName: 'EventsNear', variables: { input: eventsNearInput(place, filters), first: PAGE_SIZE } });
    }
    if (filters.format !== 'IN_PERSON' && !venueOnly(filters)) {
      queries.push({ operationName: 'OnlineEvents', variables: { input: onlineEventsInput(filters), first: PAGE_SIZE } });
    }
  } else if (page === 'marginals') {
    const place = placeInputOf(parseSearchTarget(param));
    if (place) {
      queries.push({ operationName: 'NearestMarginals', variables: nearestMarginalsVariables(place, parseSeatCount(params.get('seats'))) });
    }
  }
  return queries;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
