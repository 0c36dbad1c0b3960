import { type FormEvent, type ReactNode, useEffect, useRef } from 'react';
import type { FieldErrorMap } from './errors.ts';

interface ErrorSummaryProps {
  errors: FieldErrorMap;
  /** Field name → the id of its input, in display order. */
  fieldIds: Record<string, string>;
  /** Changes on every submit so the summary takes focus again. */
  attempt: number;
  /** Id of the title; give each summary on a page its own. */
  titleId?: string | undefined;
}

/** A list of what is wrong, focused after a failed submit, linking to each field. */
export function ErrorSummary({ errors, fieldIds, attempt, titleId = 'error-summary-title' }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(fieldIds).filter(([field]) => errors[field]);
  const formError = errors._form;
  const hasErrors = entries.length > 0 || Boolean(formError);

  useEffect(() => {
    if (attempt > 0 && hasErrors) ref.current?.focus();
  }, [attempt, hasErrors]);

  if (!hasErrors) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 id={titleId}>There is a problem</h2>
      {formError && <p>{formError}</p>}
      {entries.length > 0 && (
        <ul>
          {entries.map(([field, id]) => (
            <li key={field}>
              <a
                href={`#${id}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(id)?.focus();
                }}
              >
                {errors[field]}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface FormWithSummaryProps {
  /** A `useForm`. */
  form: { summary: ErrorSummaryProps; onSubmit: (e: FormEvent) => void; submitting: boolean };
  /** What the submit button says, and what it says while sending. */
  submit: string;
  sending: string;
  className?: string;
  label?: string;
  titleId?: string;
  children: ReactNode;
}

/** A form with its error summary above it and its submit button last. */
export function FormWithSummary({ form, submit, sending, className = 'form', label, titleId, children }: FormWithSummaryProps) {
  return (
    <>
      <ErrorSummary {...form.summary} titleId={titleId} />
      <form className={className} onSubmit={form.onSubmit} noValidate aria-label={label}>
        {children}
        <button type="submit" className="button" disabled={form.submitting}>
          {form.submitting ? sending : submit}
        </button>
      </form>
    </>
  );
}
