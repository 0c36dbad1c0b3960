import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

/** A field's hint and error, with the ids its control points to (`describedBy`). */
export function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
    </>
  );
}

export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** What a control says about itself: its id and name, whether it is invalid, and its hint and error. */
export function controlProps(id: string, hint: unknown, error: unknown) {
  return { id, name: id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(id, hint, error) };
}

type Common = { id: string; label: ReactNode; hint?: ReactNode; error?: string | undefined; optional?: boolean };

type Control<Own> = { control: (props: ReturnType<typeof controlProps>, own: Own) => ReactNode };

/** A field of one control: its label, hint and error around it, and the control told about them. */
function Field<Own>({ id, label, hint, error, optional, control, ...own }: Common & Own & Control<Own>) {
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> (optional)</span>}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {control(controlProps(id, hint, error), own as Own)}
    </div>
  );
}

export function TextField(props: Common & InputHTMLAttributes<HTMLInputElement>) {
  return <Field<InputHTMLAttributes<HTMLInputElement>> {...props} control={(c, own) => <input {...c} {...own} />} />;
}

export function TextAreaField(props: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <Field<TextareaHTMLAttributes<HTMLTextAreaElement>> {...props} control={(c, own) => <textarea {...c} {...own} />} />;
}

export function SelectField(props: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return <Field<SelectHTMLAttributes<HTMLSelectElement>> {...props} control={(c, own) => <select {...c} {...own} />} />;
}

interface RadioGroupProps<T extends string> {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: T;
  options: readonly { value: T; label: ReactNode }[];
  onChange: (value: T) => void;
}

export function RadioGroup<T extends string>({ name, legend, hint, error, value, options, onChange }: RadioGroupProps<T>) {
  return (
    <fieldset
      className={error ? 'field field-error radio-group' : 'field radio-group'}
      aria-describedby={describedBy(name, hint, error)}
    >
      <legend>{legend}</legend>
      <HintAndError id={name} hint={hint} error={error} />
      {options.map((o, i) => (
        <div className="radio" key={o.value}>
          <input
            type="radio"
            id={i === 0 ? name : `${name}-${o.value}`}
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />
          <label htmlFor={i === 0 ? name : `${name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
