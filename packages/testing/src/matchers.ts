/**
 * vitest's asymmetric matchers typed `unknown` instead of `any`. `expect.any(String)` returns `any`, which the
 * type-aware lint (no-unsafe-assignment) rejects inside an object literal such as `toMatchObject({ id: ... })`;
 * these are the very same matchers with a type that can sit there. A subpath of @sw/testing (not the index) because
 * it imports vitest, which only loads inside a test run (benches import the index).
 */
import { expect } from 'vitest';

export const match = {
  /** Any value created by `ctor` (`String`, `Number`, `Array`, `Date`, a class). */
  any: (ctor: unknown): unknown => expect.any(ctor),
  /** Anything but null and undefined. */
  anything: (): unknown => expect.anything(),
  stringMatching: (pattern: string | RegExp): unknown => expect.stringMatching(pattern),
  stringContaining: (part: string): unknown => expect.stringContaining(part),
  objectContaining: (subset: Record<string, unknown>): unknown => expect.objectContaining(subset),
  arrayContaining: (items: readonly unknown[]): unknown => expect.arrayContaining([...items]),
  closeTo: (value: number, precision?: number): unknown => expect.closeTo(value, precision),
};
