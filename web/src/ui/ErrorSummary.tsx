import { useEffect, useRef } from 'react';
import type { FieldErrorMap } from './errors.ts';

interface ErrorSummaryProps {
  errors: FieldErrorMap;
  /** Field name → the id of its input, in display order. */
  fieldIds: Record<string, string>;
  /** Changes on every submit so the summary takes focus again. */
  attempt: number;
  /** Id of the title; give each summary on a page its own. */
  titleId?: string;
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
