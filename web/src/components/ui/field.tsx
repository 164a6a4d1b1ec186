'use client';

import type { ReactNode } from 'react';
import { describeCode } from '../../graphql/error-messages';

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
}

/** Label, control, hint and the field's own error, wired with aria-describedby / aria-invalid. */
function FieldShell({ id, label, error, hint, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert" data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

const describedBy = (id: string, error?: string, hint?: ReactNode) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

/** A labelled text input whose error is announced and shown under it. */
export function TextField(
  props: FieldProps & {
    value: string;
    onChange: (v: string) => void;
    type?: 'text' | 'password' | 'email' | 'search';
    autoComplete?: string;
    required?: boolean;
    placeholder?: string;
    maxLength?: number;
  },
) {
  const { id, error, hint, value, onChange, type = 'text', ...rest } = props;
  return (
    <FieldShell {...props}>
      <input
        id={id}
        name={id}
        className="input"
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        autoComplete={rest.autoComplete}
        required={rest.required}
        placeholder={rest.placeholder}
        maxLength={rest.maxLength}
      />
    </FieldShell>
  );
}

/** A labelled number input with its bounds. */
export function NumberField(
  props: FieldProps & { value: string; onChange: (v: string) => void; min?: number; max?: number; step?: number },
) {
  const { id, error, hint, value, onChange, min, max, step } = props;
  return (
    <FieldShell {...props}>
      <input
        id={id}
        name={id}
        className="input"
        type="number"
        inputMode="decimal"
        value={value}
        min={min}
        max={max}
        step={step}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
    </FieldShell>
  );
}

/** A labelled native select (keyboard and screen-reader behaviour for free). */
export function SelectField(
  props: FieldProps & { value: string; onChange: (v: string) => void; options: Array<{ value: string; label: string }> },
) {
  const { id, error, hint, value, onChange, options } = props;
  return (
    <FieldShell {...props}>
      <select
        id={id}
        name={id}
        className="input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A labelled multi-line text input. */
export function TextAreaField(props: FieldProps & { value: string; onChange: (v: string) => void; rows?: number; maxLength?: number }) {
  const { id, error, hint, value, onChange, rows = 4, maxLength } = props;
  return (
    <FieldShell {...props}>
      <textarea
        id={id}
        name={id}
        className="input"
        rows={rows}
        maxLength={maxLength}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
    </FieldShell>
  );
}

/** A form-level error (not tied to one field): the sentence for its code, plus the code for reports. */
export function FormError({ code, message }: { code: string; message?: string }) {
  return (
    <div className="error-banner" role="alert" data-testid="form-error" data-error-code={code}>
      <strong>{describeCode(code, message)}</strong>
      <code className="error-banner__code">{code}</code>
    </div>
  );
}
