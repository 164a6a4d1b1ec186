import type { ThemePreset } from '../../../graphql/generated/graphql';

/** Banner backgrounds per theme preset; dark enough that light text keeps AA contrast whatever colours are chosen. */
export const PRESET_BACKGROUNDS: Record<ThemePreset, string> = {
  DEFAULT: '#0d1326',
  IMPERIAL: '#1c0f14',
  FEDERATION: '#0b1a24',
  PIRATE: '#1a1208',
  CORPORATE: '#111418',
  TRIBAL: '#13190b',
  TECHNOCRACY: '#0a1720',
};

export const THEME_PRESETS = Object.keys(PRESET_BACKGROUNDS) as ThemePreset[];

/** What the preview draws: the stored theme, or the draft being edited. */
export interface ThemeDraft {
  preset: ThemePreset;
  primaryColor: string;
  secondaryColor: string;
  accentColor: string;
  motto: string;
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
/** A colour the preview may use: a valid #rgb / #rrggbb, else the fallback (a half-typed value never breaks it). */
export const safeColor = (value: string, fallback: string) => (HEX.test(value.trim()) ? value.trim() : fallback);

/** A live preview of the region banner with the (draft) theme and motto. */
export function ThemePreview({ name, draft }: { name: string; draft: ThemeDraft }) {
  const primary = safeColor(draft.primaryColor, '#8bb8ff');
  const secondary = safeColor(draft.secondaryColor, '#2a3a63');
  const accent = safeColor(draft.accentColor, primary);
  return (
    <figure style={{ margin: 0 }} data-testid="theme-preview" data-preset={draft.preset}>
      <figcaption className="field__label">Theme</figcaption>
      <div
        style={{
          background: `linear-gradient(135deg, ${PRESET_BACKGROUNDS[draft.preset]} 60%, ${secondary}55)`,
          color: '#f2f5ff',
          borderRadius: 10,
          padding: '1.25rem',
          borderTop: `6px solid ${primary}`,
          borderLeft: `6px solid ${accent}`,
        }}
      >
        <p style={{ margin: 0, fontSize: '1.4rem', fontWeight: 700 }}>{name}</p>
        <p style={{ margin: '0.4rem 0 0', fontStyle: 'italic' }} data-testid="theme-preview-motto">
          {draft.motto || 'No motto yet'}
        </p>
      </div>
    </figure>
  );
}
