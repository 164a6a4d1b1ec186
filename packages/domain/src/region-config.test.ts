import { describe, expect, it } from 'vitest';
import { DEFAULT_REGION_CONFIG, diffConfig, groupsOf, mergeConfig, validateConfigChanges } from './region-config.ts';

describe('validateConfigChanges', () => {
  it.each([
    ['tax rate at the bounds', { taxRate: 0.05 }, []],
    ['tax rate above', { taxRate: 0.26 }, ['taxRate']],
    ['tax rate below', { taxRate: 0.049 }, ['taxRate']],
    ['starting credits bounds', { startingCredits: 10_000 }, []],
    ['starting credits too low', { startingCredits: 99 }, ['startingCredits']],
    ['starting credits fractional', { startingCredits: 150.5 }, ['startingCredits']],
    ['trade bonus on a game commodity', { tradeBonuses: { ore: 3, fuel: 1 } }, []],
    ['trade bonus out of range', { tradeBonuses: { ore: 3.01 } }, ['tradeBonuses.ore']],
    ['trade bonus on a non-commodity', { tradeBonuses: { food: 1.5 } }, ['tradeBonuses.food']],
    ['specialization enum', { economicSpecialization: 'mining' }, []],
    ['specialization cleared', { economicSpecialization: null }, []],
    ['specialization from the other old list', { economicSpecialization: 'commerce' }, ['economicSpecialization']],
    ['starting ship', { startingShip: 'light_freighter' }, []],
    ['starting ship unknown', { startingShip: 'carrier' }, ['startingShip']],
    ['voting threshold', { votingThreshold: 0.9 }, []],
    ['voting threshold too high', { votingThreshold: 0.91 }, ['votingThreshold']],
    ['quorum', { governanceQuorumPct: 0.61 }, ['governanceQuorumPct']],
    ['election frequency', { electionFrequencyDays: 29 }, ['electionFrequencyDays']],
    ['governance type', { governanceType: 'monarchy' }, ['governanceType']],
    ['tariff', { tariffRate: 0.25 }, []],
    ['tariff negative', { tariffRate: -0.01 }, ['tariffRate']],
    ['immigration', { immigrationPolicy: 'approval', maxVisitors: 10, visitorEntryFee: 0 }, []],
    ['immigration unknown', { immigrationPolicy: 'maybe' }, ['immigrationPolicy']],
    ['visitor limit zero', { maxVisitors: 0 }, ['maxVisitors']],
    ['entry fee too high', { visitorEntryFee: 10_001 }, ['visitorEntryFee']],
    ['motto of 200', { motto: 'x'.repeat(200) }, []],
    ['motto of 201', { motto: 'x'.repeat(201) }, ['motto']],
    ['motto with a newline', { motto: 'a\nb' }, ['motto']],
    ['theme', { aestheticTheme: { primaryColor: '#805AD5', secondaryColor: '#553c9a' } }, []],
    ['theme bad colours', { aestheticTheme: { primaryColor: 'purple', secondaryColor: '#12345' } }, ['aestheticTheme.primaryColor', 'aestheticTheme.secondaryColor']],
    ['theme same colours', { aestheticTheme: { primaryColor: '#abc', secondaryColor: '#aabbcc' } }, ['aestheticTheme.secondaryColor']],
    ['theme unknown field', { aestheticTheme: { primaryColor: '#abc', secondaryColor: '#def', font: 'x' } }, ['aestheticTheme.font']],
    ['language pack', { languagePack: { variant: 'trader', greeting: 'Well met' } }, []],
    ['language pack bad variant', { languagePack: { variant: 'elvish' } }, ['languagePack.variant']],
    ['traditions', { traditions: [{ name: 'Founding Day', description: 'Fireworks' }] }, []],
    ['traditions duplicate', { traditions: [{ name: 'A' }, { name: 'a' }] }, ['traditions[1].name']],
    ['unknown setting', { pvpRules: true }, ['pvpRules']],
    ['empty change', {}, ['']],
  ])('%s', (_label, input, paths) => {
    expect(validateConfigChanges(input).issues.map((i) => i.path)).toEqual(paths);
  });

  it('lists every problem of a change at once and keeps nothing from it', () => {
    const r = validateConfigChanges({ taxRate: 2, startingCredits: 5, tradeBonuses: { ore: 9, food: 2 }, motto: 'ok' });
    expect(r.issues.map((i) => i.path)).toEqual(['taxRate', 'startingCredits', 'tradeBonuses.ore', 'tradeBonuses.food']);
  });

  it('normalises colours and text', () => {
    const r = validateConfigChanges({ aestheticTheme: { primaryColor: '#ABC', secondaryColor: ' #553C9A ' }, motto: '  Per aspera  ' });
    expect(r.changes.aestheticTheme).toMatchObject({ preset: 'default', primaryColor: '#aabbcc', secondaryColor: '#553c9a', accentColor: null });
    expect(r.changes.motto).toBe('Per aspera');
  });

  it('rejects a non-object', () => {
    expect(validateConfigChanges(null).issues).toHaveLength(1);
    expect(validateConfigChanges([1]).issues).toHaveLength(1);
  });
});

describe('mergeConfig and diffConfig', () => {
  it('merges trade bonuses per commodity; 1.0 removes a bonus', () => {
    const a = mergeConfig(DEFAULT_REGION_CONFIG, { tradeBonuses: { ore: 1.5, fuel: 2 } });
    const b = mergeConfig(a, { tradeBonuses: { ore: 1 } });
    expect(a.tradeBonuses).toEqual({ ore: 1.5, fuel: 2 });
    expect(b.tradeBonuses).toEqual({ fuel: 2 });
  });

  it('reports only settings that changed, structurally', () => {
    const next = mergeConfig(DEFAULT_REGION_CONFIG, { taxRate: 0.2, motto: 'Hi', traditions: [], aestheticTheme: { ...DEFAULT_REGION_CONFIG.aestheticTheme } });
    expect(diffConfig(DEFAULT_REGION_CONFIG, next)).toEqual([
      { field: 'taxRate', from: 0.1, to: 0.2 },
      { field: 'motto', from: null, to: 'Hi' },
    ]);
  });

  it('groups keys by decision group', () => {
    expect(groupsOf({ taxRate: 0.1, tariffRate: 0.1, motto: 'x', immigrationPolicy: 'open' }).sort()).toEqual(['culture', 'economy', 'immigration']);
  });
});
