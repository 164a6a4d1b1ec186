/**
 * Splits a newline-delimited JSON stream (Docker's /events) into objects. Network chunks do not align with
 * events (several per chunk, or one split across chunks), so bytes are buffered until
 * a "\n" arrives. Bad lines are reported to `onBadLine` and skipped; the buffer is bounded (`maxLineBytes`,
 * default 1 MiB) so a stream that never sends a newline cannot grow memory without limit.
 */
export interface NdjsonSplitter {
  /** Feeds one chunk; calls `onObject` for every complete line. */
  push(chunk: Buffer | string): void;
  /** Bytes held for an incomplete line. */
  pending(): number;
}

export function createNdjsonSplitter(
  onObject: (value: unknown) => void,
  opts: { onBadLine?: (line: string, err: unknown) => void; maxLineBytes?: number } = {},
): NdjsonSplitter {
  const maxLineBytes = opts.maxLineBytes ?? 1 << 20;
  let buf = '';
  let discarding = false; // inside the rest of an over-long line: drop everything up to its newline
  const decoder = new TextDecoder('utf-8');
  return {
    push(chunk) {
      // stream: true keeps a multi-byte character that is split across chunks intact.
      buf += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (discarding) {
          discarding = false;
          continue;
        }
        if (!line) continue;
        try {
          onObject(JSON.parse(line));
        } catch (err) {
          opts.onBadLine?.(line, err);
        }
      }
      if (buf.length > maxLineBytes) {
        opts.onBadLine?.(buf.slice(0, 200), new Error(`line longer than ${maxLineBytes} bytes dropped`));
        buf = '';
        discarding = true;
      }
    },
    pending: () => buf.length,
  };
}
