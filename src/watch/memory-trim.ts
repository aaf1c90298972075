import v8 from 'node:v8';
import vm from 'node:vm';

/*
 * Why `watch` and `lsp` keep V8's young generation at its start size. Loading the engine, the index
 * check and each review allocate fast, so V8 doubles the young generation at scavenge after
 * scavenge, to its maximum (two 16 MB semi-spaces on 64-bit), and keeps it while the process idles:
 * ~30 MB of RSS held for nothing, and in `lsp` on a 20,000-file repository the RSS during a run of
 * saves went to 133 MB. `--max-semi-space-size` would cap it, but V8 reads it only at start-up (a
 * shebang flag is not portable); `--semi-space-growth-factor` is read each time V8 would grow it,
 * so 1 (no growth) for the whole session keeps it at 2 MB: RSS during those saves 108-109 MB, save
 * to diagnostics p50 within the run-to-run noise (78-96 ms before, 90 after).
 */

/**
 * How long a session must be quiet before it collects. A burst of work (start-up's index check,
 * first review and warm-up; later a review) leaves its garbage in the old generation (in watch on
 * a 20,000-file tree after start-up: ~8 MB of dead objects and ~5 MB of dead buffers), which V8's
 * memory reducer collects only some 8 s after the burst. One full GC once nothing has happened for
 * a second hands it back then; it takes 10-25 ms on this heap, while nobody waits. V8 favours size
 * during that GC alone (`--optimize-for-size`, read by the GC as it runs): it then also releases
 * the pages it emptied (V8 heap 27-32 -> 22-23 MB after it). Left on for the session, the flag
 * made code searches ~20% slower (18 -> 22 ms).
 */
export const QUIET_MS = 1_000;

/** V8's default growth factor of the young generation (flag-definitions.h), restored on close. */
const V8_GROWTH_FACTOR = 2;

export interface MemoryTrim {
  /** Something happened (a save, a review, a key): the quiet spell starts again. */
  activity(): void;
  close(): void;
}

export interface MemoryTrimOptions {
  quietMs?: number;
  /** Runs a full GC; the default uses V8's own `gc`, favouring size while it runs. */
  collect?: () => void;
  /** Sets V8's growth factor of the young generation; the default holds it from now until `close()`. */
  growthFactor?: (factor: number) => void;
}

export function trimWhenQuiet(options: MemoryTrimOptions = {}): MemoryTrim {
  const quietMs = options.quietMs ?? QUIET_MS;
  const collect = options.collect ?? fullGc();
  const growthFactor = options.growthFactor ?? ((factor: number) => v8.setFlagsFromString(`--semi-space-growth-factor=${factor}`));
  let timer: NodeJS.Timeout | undefined;
  let open = true;
  growthFactor(1);

  return {
    activity() {
      if (!open) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        collect();
      }, quietMs);
      timer.unref();
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (open) growthFactor(V8_GROWTH_FACTOR);
      open = false;
    },
  };
}

/**
 * V8's `gc` function, taken from a fresh context with `--expose-gc` on just long enough to create
 * it (the flag only decides whether new contexts get `gc`, so turning it on late is safe). Called
 * without options it runs a full GC (Node 20's V8 does not with `{ type: 'major' }`).
 */
function fullGc(): () => void {
  let gc: (() => void) | undefined;
  return () => {
    if (!gc) {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as typeof gc;
      v8.setFlagsFromString('--no-expose-gc');
    }
    v8.setFlagsFromString('--optimize-for-size');
    try {
      gc?.();
    } finally {
      v8.setFlagsFromString('--no-optimize-for-size');
    }
  };
}
