/**
 * One registered candidate of an election. `regional_elections.candidates` is a jsonb list in
 * registration order (the tie-break, docs/rules/governance.md "Elections"); entries are `{player_id, platform?}` objects or,
 * in rows written by older code, bare player-id strings.
 */
export interface CandidateEntry {
  playerId: string;
  platform: string | null;
}

/**
 * Parses the stored candidate list, keeping registration order, dropping malformed entries and
 * duplicates (the first registration wins). Never throws: a bad row must not break a read.
 */
export function parseCandidates(raw: unknown): CandidateEntry[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const out: CandidateEntry[] = [];
  for (const item of raw) {
    let entry: CandidateEntry | null = null;
    if (typeof item === 'string') entry = { playerId: item, platform: null };
    else if (item && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      const id = o.player_id ?? o.playerId;
      const platform = o.platform;
      if (typeof id === 'string') entry = { playerId: id, platform: typeof platform === 'string' ? platform : null };
    }
    if (entry && entry.playerId !== '' && !seen.has(entry.playerId)) {
      seen.add(entry.playerId);
      out.push(entry);
    }
  }
  return out;
}
