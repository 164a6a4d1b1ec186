/** True when `url` answers with a status accepted by `ok` within 2 s; false on refusal, timeout or another status. */
export async function probeUrl(url: string, ok: (status: number) => boolean = (s) => s >= 200 && s < 300): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
    await res.body?.cancel();
    return ok(res.status);
  } catch {
    return false;
  }
}

/**
 * Polls `url` every 500 ms until it answers (see probeUrl) or the deadline passes. `abortReason` is checked on every
 * round so a launcher that died is reported at once instead of after the full timeout. Throws with the URL and reason.
 */
export async function waitForUrl(
  url: string,
  opts: { deadline: number; abortReason?: () => string | null; ok?: (status: number) => boolean },
): Promise<void> {
  for (;;) {
    const reason = opts.abortReason?.();
    if (reason) throw new Error(`gave up waiting for ${url}: ${reason}`);
    if (await probeUrl(url, opts.ok)) return;
    if (Date.now() > opts.deadline) throw new Error(`${url} did not answer before the startup timeout`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
