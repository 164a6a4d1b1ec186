import { describe, expect, it } from 'vitest';
import { activationRefusal, cancellationRetryDelayMs, type ActivationCheckInput } from './subscription-activation.ts';

const ok: ActivationCheckInput = { paypalPlanId: 'P-RO', expectedPlanId: 'P-RO', nameValid: true, claimProblem: null };

describe('activationRefusal', () => {
  it.each<[string, Partial<ActivationCheckInput>, ReturnType<typeof activationRefusal>]>([
    ['everything matches', {}, null],
    ['another plan id', { paypalPlanId: 'P-GC' }, 'plan_mismatch'],
    ['no plan id', { paypalPlanId: undefined }, 'plan_mismatch'],
    ['an invalid name', { nameValid: false }, 'name_invalid'],
    ['a taken name', { claimProblem: { kind: 'name_taken', name: 'x' } }, 'name_taken'],
    ['the owner limit', { claimProblem: { kind: 'limit_reached', owned: 5, limit: 5 } }, 'limit_reached'],
    ['plan mismatch wins over the rest', { paypalPlanId: 'P-X', nameValid: false, claimProblem: { kind: 'name_taken', name: 'x' } }, 'plan_mismatch'],
  ])('%s', (_w, patch, expected) => {
    expect(activationRefusal({ ...ok, ...patch })).toBe(expected);
  });
});

describe('cancellationRetryDelayMs', () => {
  it.each([[1, 60_000], [2, 120_000], [5, 960_000], [20, 6 * 3_600_000]])('attempt %i -> %i ms', (attempt, ms) => {
    expect(cancellationRetryDelayMs(attempt)).toBe(ms);
  });
});
