import v8 from 'node:v8';
import vm from 'node:vm';

/*
 * Why `watch` and `lsp` keep V8's young generation small. Loading the engine, the index check and
 * each review allocate fast, so V8 doubles the young generation at scavenge after scavenge, to its
 * maximum (two 16 MB semi-spaces on 64-bit), and keeps it while the process idles: ~30 MB of RSS
 * held for nothing (in `lsp` on a 20,000-file repository, RSS during a run of saves 124-133 MB).
 * `--max-semi-space-size` would cap it, but V8 reads it only at start-up (a shebang flag is not
 * portable); `--semi-space-growth-factor` is read each time V8 would grow it. So it is 1 (no growth)
 * through start-up, where the young generation stays at 2-4 MB; after that V8 may grow it until it
 * reaches YOUNG_CAP_BYTES. The cap is looked at on activity (a save, a key), not at each scavenge,
 * so one burst below it can still double it past (16 MB was seen during saves). Held that small
 * for the whole session, reviews promoted and collected far more: save to diagnostics p50 +12 ms
 * in lsp, save to diff +45 ms in watch.
 */
/** The young generation's size past which it is held (both semi-spaces). */
const YOUNG_CAP_BYTES = 8 * 1024 * 1024;

/**
 * How long a session must be quiet before it collects. A burst of work (start-up's index check,
 * first review and warm-up; later a review) leaves its garbage in the old generation (in watch on
 * a 20,000-file tree after start-up: ~8 MB of dead objects and ~5 MB of dead buffers), which V8's
 * memory reducer collects only some 8 s after the burst. Full GCs once nothing has happened for a
 * second hand it back then (10-25 ms for the first on this heap, while nobody waits). V8 favours
 * size during those GCs alone (`--optimize-for-size`, read by the GC as it runs): it then also
 * releases the pages it emptied (V8 heap 27-32 -> 21-23 MB). Left on for the session, the flag made
 * code searches ~20% slower (18 -> 22 ms).
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
  /** Bytes the young generation holds now. */
  youngBytes?: () => number;
  /** Sets V8's growth factor of the young generation; V8's default is back on `close()`. */
  growthFactor?: (factor: number) => void;
}

export function trimWhenQuiet(options: MemoryTrimOptions = {}): MemoryTrim {
  const quietMs = options.quietMs ?? QUIET_MS;
  const collect = options.collect ?? fullGc();
  const youngBytes = options.youngBytes ?? newSpaceBytes;
  const setGrowth = options.growthFactor ?? ((factor: number) => v8.setFlagsFromString(`--semi-space-growth-factor=${factor}`));
  let timer: NodeJS.Timeout | undefined;
  let open = true;
  let starting = true;
  let factor = 1;
  setGrowth(factor);
  const growthFactor = (next: number) => {
    if (next !== factor) setGrowth(next);
    factor = next;
  };
  /** Past start-up, V8 may grow the young generation until it reaches the cap. */
  const capYoung = () => growthFactor(youngBytes() >= YOUNG_CAP_BYTES ? 1 : V8_GROWTH_FACTOR);

  return {
    activity() {
      if (!open) return;
      if (!starting) capYoung();
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        starting = false;
        capYoung();
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

function newSpaceBytes(): number {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
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
      // The memory outside the heap that the dead objects held (~5 MB after watch's start-up) is
      // handed back only at the GC after the one that found them dead.
      gc?.();
    } finally {
      v8.setFlagsFromString('--no-optimize-for-size');
    }
  };
}
