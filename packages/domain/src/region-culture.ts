import type { ValidationIssue } from './errors.ts';

/**
 * Culture settings of a region (display only, but stored and served — the original dropped the motto): language
 * pack, aesthetic theme with validated colours, traditions and a motto of at most 200 characters.
 * Rules: docs/rules/region-config.md "Culture".
 */

export const LANGUAGE_VARIANTS = ['universal', 'imperial', 'techspeak', 'trader', 'military'] as const;
export type LanguageVariant = (typeof LANGUAGE_VARIANTS)[number];
export const THEME_PRESETS = ['default', 'imperial', 'federation', 'pirate', 'corporate', 'tribal', 'technocracy'] as const;
export type ThemePreset = (typeof THEME_PRESETS)[number];

export const CULTURE_LIMITS = { motto: 200, phrase: 100, symbol: 8, themeWord: 40, traditionName: 80, traditionText: 500, traditions: 20 } as const;

export interface LanguagePack {
  variant: LanguageVariant;
  greeting: string | null;
  farewell: string | null;
  currencyName: string | null;
  currencySymbol: string | null;
}
export interface AestheticTheme {
  preset: ThemePreset;
  primaryColor: string;
  secondaryColor: string;
  accentColor: string | null;
  style: string | null;
  atmosphere: string | null;
}
export interface Tradition {
  name: string;
  description: string | null;
}

export const DEFAULT_LANGUAGE_PACK: LanguagePack = { variant: 'universal', greeting: null, farewell: null, currencyName: null, currencySymbol: null };
/** The Nexus palette is the platform default. */
export const DEFAULT_THEME: AestheticTheme = { preset: 'default', primaryColor: '#805ad5', secondaryColor: '#553c9a', accentColor: null, style: null, atmosphere: null };

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** A colour as `#rgb` or `#rrggbb` (hex), normalised to lower-case `#rrggbb`; null when it is not one. */
export function normaliseColour(value: unknown): string | null {
  if (typeof value !== 'string' || !HEX_COLOUR.test(value.trim())) return null;
  const v = value.trim().toLowerCase();
  return v.length === 4 ? `#${v[1]}${v[1]}${v[2]}${v[2]}${v[3]}${v[3]}` : v;
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** Trims a free-text value and checks its length and characters; pushes an issue and returns undefined when bad. */
export function cleanText(value: unknown, path: string, max: number, issues: ValidationIssue[], opts: { nullable?: boolean; multiline?: boolean } = {}): string | null | undefined {
  if (value === null && opts.nullable) return null;
  if (typeof value !== 'string') {
    issues.push({ path, message: opts.nullable ? 'must be a string or null' : 'must be a string' });
    return undefined;
  }
  const text = value.trim();
  if (text.length > max) issues.push({ path, message: `must be at most ${max} characters (got ${text.length})` });
  else if (CONTROL.test(text) || (!opts.multiline && /[\n\r]/.test(text))) issues.push({ path, message: 'must not contain control characters' });
  else if (text === '' && opts.nullable) return null;
  else return text;
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function oneOf<T extends string>(value: unknown, list: readonly T[], path: string, issues: ValidationIssue[]): T | undefined {
  if (typeof value === 'string' && (list as readonly string[]).includes(value)) return value as T;
  issues.push({ path, message: `must be one of ${list.join(', ')}` });
  return undefined;
}

function unknownKeys(obj: Record<string, unknown>, known: readonly string[], path: string, issues: ValidationIssue[]): void {
  for (const k of Object.keys(obj)) if (!known.includes(k)) issues.push({ path: `${path}.${k}`, message: 'unknown field' });
}

/** Validates a whole language pack (missing phrases default to null, the variant to universal). */
export function validateLanguagePack(raw: unknown, path: string, issues: ValidationIssue[]): LanguagePack | undefined {
  if (!isRecord(raw)) {
    issues.push({ path, message: 'must be an object' });
    return undefined;
  }
  const before = issues.length;
  unknownKeys(raw, ['variant', 'greeting', 'farewell', 'currencyName', 'currencySymbol'], path, issues);
  const variant = raw.variant === undefined ? 'universal' : oneOf(raw.variant, LANGUAGE_VARIANTS, `${path}.variant`, issues);
  const phrase = (k: 'greeting' | 'farewell' | 'currencyName', max: number) =>
    raw[k] === undefined ? null : cleanText(raw[k], `${path}.${k}`, max, issues, { nullable: true });
  const pack = {
    variant,
    greeting: phrase('greeting', CULTURE_LIMITS.phrase),
    farewell: phrase('farewell', CULTURE_LIMITS.phrase),
    currencyName: phrase('currencyName', CULTURE_LIMITS.phrase),
    currencySymbol: raw.currencySymbol === undefined ? null : cleanText(raw.currencySymbol, `${path}.currencySymbol`, CULTURE_LIMITS.symbol, issues, { nullable: true }),
  };
  return issues.length > before ? undefined : (pack as LanguagePack);
}

/** Validates a whole aesthetic theme: both main colours required, every colour a hex colour, primary ≠ secondary. */
export function validateTheme(raw: unknown, path: string, issues: ValidationIssue[]): AestheticTheme | undefined {
  if (!isRecord(raw)) {
    issues.push({ path, message: 'must be an object' });
    return undefined;
  }
  const before = issues.length;
  unknownKeys(raw, ['preset', 'primaryColor', 'secondaryColor', 'accentColor', 'style', 'atmosphere'], path, issues);
  const preset = raw.preset === undefined ? 'default' : oneOf(raw.preset, THEME_PRESETS, `${path}.preset`, issues);
  const colour = (k: 'primaryColor' | 'secondaryColor' | 'accentColor', required: boolean): string | null | undefined => {
    const v = raw[k];
    if ((v === undefined || v === null) && !required) return null;
    const c = normaliseColour(v);
    if (c === null) issues.push({ path: `${path}.${k}`, message: 'must be a hex colour like #805ad5 or #85d' });
    return c ?? undefined;
  };
  const primaryColor = colour('primaryColor', true);
  const secondaryColor = colour('secondaryColor', true);
  const accentColor = colour('accentColor', false);
  if (primaryColor && primaryColor === secondaryColor) issues.push({ path: `${path}.secondaryColor`, message: 'must differ from primaryColor' });
  const word = (k: 'style' | 'atmosphere') =>
    raw[k] === undefined ? null : cleanText(raw[k], `${path}.${k}`, CULTURE_LIMITS.themeWord, issues, { nullable: true });
  const theme = { preset, primaryColor, secondaryColor, accentColor, style: word('style'), atmosphere: word('atmosphere') };
  return issues.length > before ? undefined : (theme as AestheticTheme);
}

/** Validates the traditions list (at most 20, names unique case-insensitively). */
export function validateTraditions(raw: unknown, path: string, issues: ValidationIssue[]): Tradition[] | undefined {
  if (!Array.isArray(raw)) {
    issues.push({ path, message: 'must be a list' });
    return undefined;
  }
  const before = issues.length;
  if (raw.length > CULTURE_LIMITS.traditions) issues.push({ path, message: `at most ${CULTURE_LIMITS.traditions} traditions` });
  const seen = new Set<string>();
  const out: Tradition[] = [];
  raw.forEach((t: unknown, i) => {
    const p = `${path}[${i}]`;
    if (!isRecord(t)) {
      issues.push({ path: p, message: 'must be an object {name, description}' });
      return;
    }
    unknownKeys(t, ['name', 'description'], p, issues);
    const name = cleanText(t.name, `${p}.name`, CULTURE_LIMITS.traditionName, issues);
    if (name === '') issues.push({ path: `${p}.name`, message: 'must not be empty' });
    const description = t.description === undefined ? null : cleanText(t.description, `${p}.description`, CULTURE_LIMITS.traditionText, issues, { nullable: true, multiline: true });
    if (typeof name === 'string' && name !== '') {
      if (seen.has(name.toLowerCase())) issues.push({ path: `${p}.name`, message: `duplicate tradition "${name}"` });
      seen.add(name.toLowerCase());
      if (description !== undefined) out.push({ name, description });
    }
  });
  return issues.length > before ? undefined : out;
}
