import { NORTHERN_IRELAND_MESSAGE } from '@rallypoint/shared';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useNavigate } from './router.tsx';
import { useClient, useQuery } from 'urql';
import { controlProps, HintAndError } from './fields.tsx';
import { useDebounced } from './hooks.ts';
import { outcome } from './result.ts';
import { PLACE_SUGGESTIONS_QUERY } from './place-suggestions.ts';
import {
  bestMatch,
  locationErrorMessage,
  NO_GEOLOCATION_MESSAGE,
  namePath,
  parseSearchTarget,
  pointSegment,
  searchPath,
} from './search-place.ts';
import { transportMessage } from './errors.ts';

interface PostcodeFormProps {
  initial?: string;
  /** Query string (filters) to keep when searching again. */
  search?: string;
  buttonLabel?: string;
  /** Where the search goes: `<basePath>/<place>`. */
  basePath?: string;
}

interface Suggestion {
  kind: 'SEAT' | 'OUTCODE';
  code: string;
  label: string;
  detail: string;
}

const SUGGESTIONS_SHOWN = 8;
const NOTHING_MATCHES = (text: string) =>
  `Enter a valid UK postcode or outcode, like "LS6 1AN" or "LS6", or a constituency name: nothing matches “${text}”`;

/** Suggestions help with names and districts, not with full postcodes, points or seat codes. */
function wantsSuggestions(text: string): boolean {
  if (text.length < 2) return false;
  const target = parseSearchTarget(text);
  return target.kind === 'name' || (target.kind === 'postcode' && !target.full);
}

/**
 * The place search box: a postcode, a postcode district or a constituency name, with suggestions as you type (the
 * WAI-ARIA combobox pattern: a list box popup with list autocomplete; Down and Up move through it, Enter chooses,
 * Escape closes), and "Use my location", snapped to ~1 km before it leaves the device.
 */
export function PostcodeForm({ initial = '', search = '', buttonLabel = 'Find events', basePath = '/near' }: PostcodeFormProps) {
  const baseId = useId();
  const inputId = `${baseId}-postcode`;
  const listId = `${baseId}-suggestions`;
  const navigate = useNavigate();
  const client = useClient();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [checking, setChecking] = useState(false);
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<string | null>(null);

  const typed = value.trim().replace(/\s+/g, ' ');
  const asked = useDebounced(typed, 200);
  const [suggested] = useQuery({
    query: PLACE_SUGGESTIONS_QUERY,
    variables: { query: asked, first: SUGGESTIONS_SHOWN },
    pause: !wantsSuggestions(asked),
  });
  const answer = suggested.data && wantsSuggestions(typed) ? outcome(suggested.data.placeSuggestions) : null;
  const options: Suggestion[] = answer?.ok ? answer.data : [];
  const expanded = open && options.length > 0;

  // No error summary in a search box: focus stays on (or goes back to) the box.
  useEffect(() => {
    if (attempt > 0) document.getElementById(inputId)?.focus();
  }, [attempt, inputId]);

  const fail = (message: string) => {
    setError(message);
    setAttempt((a) => a + 1);
  };
  const go = (segment: string) => navigate(searchPath(basePath, segment, search));
  const choose = (option: Suggestion) => {
    setValue(option.label);
    setOpen(false);
    setActive(-1);
    go(option.code);
  };

  const submit = async () => {
    const target = parseSearchTarget(value);
    switch (target.kind) {
      case 'postcode':
        return go(target.postcode);
      case 'seat':
        return go(target.code);
      case 'point':
        return go(pointSegment(target.location));
      case 'northern-ireland':
        return fail(NORTHERN_IRELAND_MESSAGE);
      case 'invalid':
        return fail(
          target.text === ''
            ? 'Enter a postcode, like "LS6 1AN", or a place name'
            : 'Enter a valid UK postcode or outcode, like "LS6 1AN" or "LS6", or a constituency name',
        );
      case 'name': {
        setChecking(true);
        const res = await client.query(PLACE_SUGGESTIONS_QUERY, { query: target.text, first: 10 }).toPromise();
        setChecking(false);
        const found = outcome(res.data?.placeSuggestions, res.error);
        if (!found.ok) return fail(res.data ? found.message : transportMessage(res.error));
        if (found.data.length === 0) return fail(NOTHING_MATCHES(target.text));
        const best = bestMatch(target.text, found.data);
        if (best) return go(best.code);
        // Several: the results page lists them to choose from.
        return navigate(namePath(basePath, target.text, search));
      }
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const n = options.length;
    if (e.key === 'ArrowDown' && n > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (!expanded || i >= n - 1 ? 0 : i + 1));
    } else if (e.key === 'ArrowUp' && n > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (!expanded || i <= 0 ? n - 1 : i - 1));
    } else if (e.key === 'Enter' && expanded && active >= 0 && options[active]) {
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const locate = () => {
    setLocationError(null);
    if (!('geolocation' in navigator)) {
      setLocationError(NO_GEOLOCATION_MESSAGE);
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        // Snapped here, before anything is sent or put in the address.
        go(pointSegment({ lat: pos.coords.latitude, lng: pos.coords.longitude }));
      },
      (err) => {
        setLocating(false);
        setLocationError(locationErrorMessage(err.code));
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  };

  const hint = 'A postcode (like LS6 1AN or LS6) or a constituency name (like Leeds East)';
  const activeId = expanded && active >= 0 ? `${listId}-${active}` : undefined;
  return (
    <search>
      <form
        className={error ? 'postcode-form field-error' : 'postcode-form'}
        onSubmit={(e) => {
          e.preventDefault();
          if (!checking) void submit();
        }}
        noValidate
      >
        <label htmlFor={inputId}>Your postcode or place</label>
        <HintAndError id={inputId} hint={hint} error={error} />
        <div className="postcode-row">
          <div className="combobox">
            <input
              {...controlProps(inputId, hint, error)}
              name="postcode"
              type="text"
              role="combobox"
              aria-autocomplete="list"
              aria-expanded={expanded}
              aria-controls={listId}
              aria-activedescendant={activeId}
              autoComplete="off"
              autoCapitalize="words"
              spellCheck={false}
              maxLength={100}
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                setOpen(true);
                setActive(-1);
                if (error) setError(undefined);
              }}
              onKeyDown={onKeyDown}
              onBlur={() => setOpen(false)}
            />
            <div id={listId} role="listbox" aria-label="Matching places" className="combobox-list" hidden={!expanded}>
              {expanded &&
                options.map((o, i) => (
                  // Options are pointed at from the box (aria-activedescendant), never focused; its keys move through them.
                  // biome-ignore lint/a11y/useFocusableInteractive: the combobox pattern keeps focus in the box
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the box's own keys (Down, Up, Enter) choose
                  <div
                    key={`${o.kind}:${o.code}`}
                    id={`${listId}-${i}`}
                    role="option"
                    aria-selected={i === active}
                    className={i === active ? 'combobox-option active' : 'combobox-option'}
                    // Keeps focus in the box, so the click chooses rather than blurs.
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => choose(o)}
                  >
                    <span className="combobox-label">{o.label}</span>{' '}
                    <span className="combobox-detail">{o.kind === 'SEAT' ? `Constituency, ${o.detail}` : o.detail}</span>
                  </div>
                ))}
            </div>
          </div>
          <button type="submit" className="button" aria-disabled={checking || undefined}>
            {buttonLabel}
          </button>
        </div>
        <div className="visually-hidden" aria-live="polite">
          {expanded ? `${options.length === 1 ? 'One place matches' : `${options.length} places match`}. Use the up and down arrow keys to choose.` : ''}
        </div>
        <p className="locate-row">
          <button type="button" className="button button-secondary locate-button" onClick={locate} disabled={locating}>
            {locating ? 'Finding your location…' : 'Use my location'}
          </button>{' '}
          <span className="hint">Sent only to the nearest km or so.</span>
        </p>
        {locationError && (
          <p className="error-message" role="alert">
            {locationError}
          </p>
        )}
      </form>
    </search>
  );
}
