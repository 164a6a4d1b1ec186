/**
 * For views whose events only say *that* something changed: `changed()` schedules one `reread()`, at most one per
 * `minGapMs` however many events arrive (a busy Nexus warp sends many); `stop()` cancels what is pending.
 * docs/decisions/web-app.md "Live updates".
 */
export function coalescedReread(reread: () => void, minGapMs: number, now: () => number = Date.now): { changed(): void; stop(): void } {
  let pending: ReturnType<typeof setTimeout> | undefined;
  let last = Number.NEGATIVE_INFINITY;
  let stopped = false;
  return {
    changed() {
      if (stopped || pending !== undefined) return;
      pending = setTimeout(() => {
        pending = undefined;
        if (stopped) return;
        last = now();
        reread();
      }, Math.max(0, last + minGapMs - now()));
    },
    stop() {
      stopped = true;
      if (pending !== undefined) clearTimeout(pending);
      pending = undefined;
    },
  };
}
