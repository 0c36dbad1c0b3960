import { placeQuerySchema } from '@rallypoint/shared';
import { useEffect, useId } from 'react';
import { useNavigate } from 'react-router';
import { controlProps, HintAndError } from './fields.tsx';
import { onField, useForm } from './form.ts';

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
  const inputId = `${useId()}-postcode`;
  const navigate = useNavigate();
  const form = useForm({
    initial: { postcode: initial },
    fields: { postcode: inputId },
    validate: (v) => onField('postcode', placeQuerySchema.safeParse(v.postcode)),
    submit: (postcode) => {
      navigate(`${basePath}/${encodeURIComponent(postcode.replace(/ /g, ''))}${search}`);
    },
  });
  const error = form.errors.postcode;
  // No error summary in a search box: focus stays on (or goes back to) the box.
  useEffect(() => {
    if (form.attempt > 0) document.getElementById(inputId)?.focus();
  }, [form.attempt, inputId]);

  const hint = 'A full postcode or just the first part, like LS6';
  return (
    <search>
    <form className={error ? 'postcode-form field-error' : 'postcode-form'} onSubmit={form.onSubmit} noValidate>
      <label htmlFor={inputId}>Your postcode</label>
      <HintAndError id={inputId} hint={hint} error={error} />
      <div className="postcode-row">
        <input
          {...controlProps(inputId, hint, error)}
          name="postcode"
          type="text"
          autoComplete="postal-code"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          maxLength={16}
          value={form.values.postcode}
          onChange={(e) => form.set({ postcode: e.target.value })}
        />
        <button type="submit" className="button">
          {buttonLabel}
        </button>
      </div>
    </form>
    </search>
  );
}
