/**
 * Policy approval (a derived field, docs/rules/governance.md): for ÷ (for + against) × 100 over the decimal weighted
 * tallies, or null while nobody has voted (0 of 0 is "no data", not 0 %).
 */
export function approvalPercentage(votesFor: number, votesAgainst: number): number | null {
  const total = votesFor + votesAgainst;
  if (!(total > 0)) return null;
  return (votesFor / total) * 100;
}
