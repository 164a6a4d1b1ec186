/** The themes a region can pick; colours chosen to keep text at AA contrast on their background. */
export const THEME_VARIANTS = [
  { id: 'nebula', label: 'Nebula', background: '#120a2a', text: '#efe8ff' },
  { id: 'frontier', label: 'Frontier', background: '#1f1408', text: '#ffeccc' },
  { id: 'corporate', label: 'Corporate', background: '#0b1a24', text: '#e2f3ff' },
  { id: 'verdant', label: 'Verdant', background: '#07190f', text: '#dcffe9' },
] as const;

export interface ThemeDraft {
  variant: string;
  accent: string;
  motto: string;
}

const str = (o: unknown, k: string) => (o && typeof o === 'object' && typeof (o as Record<string, unknown>)[k] === 'string' ? ((o as Record<string, unknown>)[k] as string) : null);

/** The stored culture JSON as an editable draft (unknown keys are ignored, missing ones get defaults). */
export function themeFrom(theme: unknown, traditions: unknown): ThemeDraft {
  return { variant: str(theme, 'variant') ?? 'nebula', accent: str(theme, 'accent') ?? '#ffd866', motto: str(theme, 'motto') ?? str(traditions, 'motto') ?? '' };
}

/** A live preview of the region banner with the draft theme. */
export function ThemePreview({ name, draft }: { name: string; draft: ThemeDraft }) {
  const v = THEME_VARIANTS.find((t) => t.id === draft.variant) ?? THEME_VARIANTS[0];
  return (
    <figure style={{ margin: 0 }} data-testid="theme-preview" data-variant={v.id}>
      <figcaption className="field__label">Preview</figcaption>
      <div style={{ background: v.background, color: v.text, borderRadius: 10, padding: '1.25rem', borderTop: `6px solid ${draft.accent}` }}>
        <p style={{ margin: 0, fontSize: '1.4rem', fontWeight: 700 }}>{name}</p>
        <p style={{ margin: '0.4rem 0 0', fontStyle: 'italic' }} data-testid="theme-preview-motto">
          {draft.motto || 'No motto yet'}
        </p>
      </div>
    </figure>
  );
}
