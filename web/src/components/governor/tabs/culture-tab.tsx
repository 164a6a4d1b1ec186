'use client';

import type { RegionActor } from '@sw/domain/governance-authority';
import { useState, type FormEvent } from 'react';
import { UpdateRegionCultureMutation } from '../../../graphql/operations/region-config';
import type { LanguageVariant, RegionConfigFragment, ThemePreset } from '../../../graphql/generated/graphql';
import { enumLabel } from '../../../graphql/reshape';
import { issueAt, type MutationFailure } from '../../../graphql/describe-error';
import { changeRouteFor, describeRoute } from '../region-actor';
import type { RegionConfigApi } from '../use-region-config';
import { FormError, SelectField, TextAreaField, TextField } from '../../ui/field';
import { ThemePreview, THEME_PRESETS, type ThemeDraft } from './theme-preview';

const LANGUAGES: LanguageVariant[] = ['UNIVERSAL', 'IMPERIAL', 'TECHSPEAK', 'TRADER', 'MILITARY'];

function draftOf(c: RegionConfigFragment['culture']): ThemeDraft & { language: LanguageVariant; traditions: string } {
  return {
    preset: c.theme.preset,
    primaryColor: c.theme.primaryColor,
    secondaryColor: c.theme.secondaryColor,
    accentColor: c.theme.accentColor ?? '',
    motto: c.motto ?? '',
    language: c.language.variant,
    traditions: c.traditionList.map((t) => (t.description ? `${t.name}: ${t.description}` : t.name)).join('\n'),
  };
}

/** "Name: description" per line → traditions (blank lines skipped). */
function traditionsOf(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const i = l.indexOf(':');
      return i > 0 ? { name: l.slice(0, i).trim(), description: l.slice(i + 1).trim() || null } : { name: l, description: null };
    });
}

/**
 * Culture: theme preset and colours, motto, language pack, traditions. The preview follows every keystroke (before
 * saving); saving is the owner's direct edit in every governance type.
 */
export function CultureTab({ name, api, actor, governanceType }: { name: string; api: RegionConfigApi; actor: RegionActor; governanceType: RegionConfigFragment['governance']['governanceType'] }) {
  const route = changeRouteFor(governanceType, 'culture', actor);
  const [draft, setDraft] = useState(() => draftOf(api.config.culture));
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    const f = await api.save(
      UpdateRegionCultureMutation,
      {
        input: {
          motto: draft.motto,
          languagePack: { variant: draft.language },
          aestheticTheme: { preset: draft.preset, primaryColor: draft.primaryColor, secondaryColor: draft.secondaryColor, ...(draft.accentColor ? { accentColor: draft.accentColor } : {}) },
          traditions: traditionsOf(draft.traditions),
        },
      },
      (d) => d.updateRegionCulture,
    );
    setBusy(false);
    setFailure(f);
    setSaved(!f);
  }

  const editable = route.route === 'direct';
  return (
    <>
      <p className={editable ? 'notice notice--ok' : 'notice'} data-testid="culture-route" data-route={route.route}>
        {describeRoute(route)}
      </p>
      <div className="grid-2">
        <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="culture-form">
          {failure && failure.issues.length === 0 && <FormError code={failure.code} message={failure.message} />}
          <SelectField id="culture-preset" label="Theme" value={draft.preset} onChange={(v) => set({ preset: v as ThemePreset })} options={THEME_PRESETS.map((p) => ({ value: p, label: enumLabel(p) }))} />
          <div className="grid-2">
            <TextField id="culture-primary" label="Primary colour" value={draft.primaryColor} onChange={(v) => set({ primaryColor: v })} error={issueAt(failure, 'primaryColor')} hint="#rrggbb" />
            <TextField id="culture-secondary" label="Secondary colour" value={draft.secondaryColor} onChange={(v) => set({ secondaryColor: v })} error={issueAt(failure, 'secondaryColor')} hint="#rrggbb" />
          </div>
          <TextField id="culture-accent" label="Accent colour (optional)" value={draft.accentColor} onChange={(v) => set({ accentColor: v })} error={issueAt(failure, 'accentColor')} />
          <TextField id="culture-motto" label="Motto" value={draft.motto} onChange={(v) => set({ motto: v })} maxLength={200} error={issueAt(failure, 'motto')} />
          <SelectField id="culture-language" label="Language pack" value={draft.language} onChange={(v) => set({ language: v as LanguageVariant })} options={LANGUAGES.map((l) => ({ value: l, label: enumLabel(l) }))} />
          <TextAreaField id="culture-traditions" label="Traditions" value={draft.traditions} onChange={(v) => set({ traditions: v })} hint="One per line, “Name: description”." error={issueAt(failure, 'traditions')} />
          {editable && (
            <div className="form-actions">
              <button type="submit" className="button button--primary" disabled={busy}>
                {busy ? 'Saving…' : 'Save culture'}
              </button>
              {failure?.code === 'ERR_VERSION_CONFLICT' && (
                <button type="button" className="button" onClick={() => void api.reload()}>
                  Reload current settings
                </button>
              )}
              {saved && (
                <span className="field__ok" role="status" data-testid="culture-saved">
                  Saved as version {api.config.configVersion}.
                </span>
              )}
            </div>
          )}
        </form>
        <ThemePreview name={name} draft={draft} />
      </div>
    </>
  );
}
