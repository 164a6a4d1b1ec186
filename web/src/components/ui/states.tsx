import type { ReactNode } from 'react';

/** Placeholder blocks while data loads; `aria-busy` tells assistive technology the region is loading. */
export function Skeleton({ lines = 3, label = 'Loading' }: { lines?: number; label?: string }) {
  return (
    <div className="skeleton" aria-busy="true" aria-live="polite" data-testid="skeleton">
      <span className="visually-hidden">{label}…</span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton__line" style={{ width: `${90 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}

/** What a section shows when there is nothing to list yet, with what to do about it. */
export function EmptyState({ title, children, testId = 'empty-state' }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={testId}>
      <p className="empty-state__title">{title}</p>
      {children && <div className="empty-state__body">{children}</div>}
    </div>
  );
}

/** A horizontal meter (security / development / capacity) with its value in text, readable without colour. */
export function Meter({ value, max, label, tone }: { value: number; max: number; label: string; tone?: 'ok' | 'warn' | 'alert' }) {
  const pct = Math.max(0, Math.min(100, (value / max) * 100));
  return (
    <div className="meter">
      <div
        className={`meter__track meter__track--${tone ?? 'ok'}`}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
      >
        <div className="meter__fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="meter__text">
        {value.toLocaleString('en-US', { maximumFractionDigits: 1 })}/{max}
      </span>
    </div>
  );
}
