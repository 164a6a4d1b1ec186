'use client';

import type { RegionActor } from '@sw/domain';
import { useState } from 'react';
import type { GovernorRegionFragment } from '../../../graphql/generated/graphql';
import { changeRouteFor, describeRoute } from '../region-actor';
import { SelectField, TextField } from '../../ui/field';
import { ThemePreview, THEME_VARIANTS, themeFrom, type ThemeDraft } from './theme-preview';

/**
 * Culture: theme, motto, language pack, traditions. The preview follows every keystroke, so an owner sees the
 * region's look before anyone else does.
 */
export function CultureTab({ region: r, actor }: { region: GovernorRegionFragment; actor: RegionActor }) {
  const route = changeRouteFor(r.governance.governanceType, 'culture', actor);
  const [draft, setDraft] = useState<ThemeDraft>(() => themeFrom(r.culture.aestheticTheme, r.culture.traditions));
  const set = (patch: Partial<ThemeDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const language = (r.culture.languagePack as { variant?: unknown } | null)?.variant;
  const traditions = r.culture.traditions && typeof r.culture.traditions === 'object' ? Object.keys(r.culture.traditions as object) : [];
  return (
    <>
      <p className={route.route === 'direct' ? 'notice notice--ok' : 'notice'} data-testid="culture-route" data-route={route.route}>
        {describeRoute(route)}
      </p>
      <div className="grid-2">
        <div className="form">
          <SelectField id="culture-variant" label="Theme" value={draft.variant} onChange={(v) => set({ variant: v })} options={THEME_VARIANTS.map((t) => ({ value: t.id, label: t.label }))} />
          <TextField id="culture-accent" label="Accent colour" value={draft.accent} onChange={(v) => set({ accent: v })} hint="A CSS colour, e.g. #ffd866" />
          <TextField id="culture-motto" label="Motto" value={draft.motto} onChange={(v) => set({ motto: v })} maxLength={200} />
          <p className="muted">
            Language pack: {typeof language === 'string' ? language : 'default'} · Traditions: {traditions.length > 0 ? traditions.join(', ') : 'none recorded'}
          </p>
        </div>
        <ThemePreview name={r.displayName} draft={draft} />
      </div>
    </>
  );
}
