// Long exports run in chunks: after each chunk they report progress, give the window a
// chance to paint and handle input, and stop if the user cancelled.

export interface ExportOptions {
  /** Called after each chunk with the rows done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Cancels the export: the promise rejects with the signal's reason (an AbortError by default). */
  signal?: AbortSignal;
  /** Rows per chunk (default 500). */
  chunkSize?: number;
}

export const DEFAULT_CHUNK_SIZE = 500;

/** The value an export rejects with once cancelled: the signal's reason, else an AbortError. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The export was cancelled', 'AbortError');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

/** Lets the event loop run (paint, clicks on "Cancel") between chunks. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Calls `handle` on consecutive slices of `rows`, reporting progress after each one.
 * Checks the signal before every chunk, so a cancel during a progress callback stops the next one.
 */
export async function inChunks<Row>(
  rows: readonly Row[],
  handle: (chunk: readonly Row[]) => void,
  options: ExportOptions,
  progress: { offset: number; total: number } = { offset: 0, total: rows.length },
): Promise<void> {
  const size = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK_SIZE));
  for (let start = 0; start < rows.length; start += size) {
    throwIfAborted(options.signal);
    const chunk = rows.slice(start, start + size);
    handle(chunk);
    options.onProgress?.(progress.offset + start + chunk.length, progress.total);
    await nextTask();
  }
  throwIfAborted(options.signal);
}
