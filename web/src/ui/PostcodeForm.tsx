import { placeQuerySchema } from '@rallypoint/shared';
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { describedBy } from './fields.tsx';

interface PostcodeFormProps {
  initial?: string;
  /** Query string (filters) to keep when searching again. */
  search?: string;
  buttonLabel?: string;
  /** Where the search goes: `<basePath>/<postcode>`. */
  basePath?: string;
}

/** "Your postcode" box: validated with the shared schema, then goes to /near/<postcode> (or `basePath`). */
export function PostcodeForm({ initial = '', search = '', buttonLabel = 'Find events', basePath = '/near' }: PostcodeFormProps) {
  const id = useId();
  const inputId = `${id}-postcode`;
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const navigate = useNavigate();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = placeQuerySchema.safeParse(value);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Enter a valid UK postcode');
      document.getElementById(inputId)?.focus();
      return;
    }
    setError(undefined);
    navigate(`${basePath}/${encodeURIComponent(parsed.data.replace(/ /g, ''))}${search}`);
  };

  const hint = 'A full postcode or just the first part, like LS6';
  return (
    <search>
    <form className={error ? 'postcode-form field-error' : 'postcode-form'} onSubmit={onSubmit} noValidate>
      <label htmlFor={inputId}>Your postcode</label>
      <p className="hint" id={`${inputId}-hint`}>
        {hint}
      </p>
      {error && (
        <p className="error-message" id={`${inputId}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <div className="postcode-row">
        <input
          id={inputId}
          name="postcode"
          type="text"
          autoComplete="postal-code"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          maxLength={16}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(inputId, hint, error)}
        />
        <button type="submit" className="button">
          {buttonLabel}
        </button>
      </div>
    </form>
    </search>
  );
}
