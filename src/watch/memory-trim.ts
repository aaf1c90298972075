import v8 from 'node:v8';
import vm from 'node:vm';

/*
 * Why `watch` hands its young generation back once it is quiet. Loading the TUI, the startup index
 * update and each review allocate fast, so V8 grows the young generation to its maximum (two 16 MB
 * semi-spaces on 64-bit) and keeps it: it only shrinks it at a GC that follows a period of low
 * allocation, and an idle TUI allocates too little to ever trigger a GC. That is ~30 MB of RSS
 * held for nothing while the learner types. `--max-semi-space-size` would cap it, but V8 reads it
 * only at start-up (a shebang flag is not portable), so instead a few cheap young-generation GCs
 * run once the session is quiet, timed so that V8's own heuristics agree to shrink.
 */

/**
 * When the GCs run once the session goes quiet. V8 shrinks at a GC only if allocation over its last
 * ~5 s of records was below ~1 KB/ms, and the record of the busy spell closes at the next GC. So:
 * one GC after 1 s of quiet closes that record, one 5.5 s later sees only quiet and shrinks; two
 * more a second apart in case something allocated in between.
 */
export const TRIM_DELAYS_MS: readonly number[] = [1_000, 5_500, 1_000, 1_000];
/** The longest a quiet session waits for its young generation to shrink. */
export const QUIET_MS = TRIM_DELAYS_MS.reduce((sum, ms) => sum + ms, 0);
/** The young generation's size after a shrink is 1 MB of semi-space (2 MB with both halves). */
const SHRUNK_BYTES = 4 * 1024 * 1024;

/*
 * Start-up is the young generation's worst spell: loading the engine, the index check and the
 * first review keep much of it alive, so V8 doubles it at scavenge after scavenge, to 32 MB, just
 * as the learner first looks at the tutor. V8 reads `--semi-space-growth-factor` each time it
 * grows the young generation, so holding it at 1 (no growth) until the session first goes quiet
 * keeps it at 2 MB through start-up (watch on a 20,000-file tree 1.5 s after its first review:
 * ~136 -> ~107 MB); then V8's default is back for the reviews to come, and quiet spells trim.
 */
/** V8's default growth factor of the young generation (flag-definitions.h), restored after start-up. */
const V8_GROWTH_FACTOR = 2;

export interface MemoryTrim {
  /** Something happened (a save, a review, a key): the quiet spell starts again. */
  activity(): void;
  close(): void;
}

export interface MemoryTrimOptions {
  delaysMs?: readonly number[];
  /** Runs a young-generation GC; the default uses V8's own `gc`. */
  collect?: () => void;
  /** Bytes the young generation holds now. */
  youngBytes?: () => number;
  /** Sets V8's growth factor of the young generation; the default holds it from now until the first quiet spell. */
  growthFactor?: (factor: number) => void;
}

export function trimWhenQuiet(options: MemoryTrimOptions = {}): MemoryTrim {
  const delays = options.delaysMs ?? TRIM_DELAYS_MS;
  const collect = options.collect ?? youngGenerationGc();
  const youngBytes = options.youngBytes ?? newSpaceBytes;
  const growthFactor = options.growthFactor ?? ((factor: number) => v8.setFlagsFromString(`--semi-space-growth-factor=${factor}`));
  let timer: NodeJS.Timeout | undefined;
  let holding = true;
  growthFactor(1);
  const release = () => {
    if (holding) growthFactor(V8_GROWTH_FACTOR);
    holding = false;
  };

  const arm = (step: number) => {
    const delay = delays[step];
    if (delay === undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      release();
      if (youngBytes() <= SHRUNK_BYTES) return;
      collect();
      arm(step + 1);
    }, delay);
    timer.unref();
  };

  return {
    activity() {
      if (timer) clearTimeout(timer);
      arm(0);
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      release();
    },
  };
}

function newSpaceBytes(): number {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * V8's `gc` function, taken from a fresh context with `--expose-gc` on just long enough to create
 * it (the flag only decides whether new contexts get `gc`, so turning it on late is safe).
 */
function youngGenerationGc(): () => void {
  let gc: ((options: { type: 'minor' | 'major' }) => void) | undefined;
  return () => {
    if (!gc) {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as typeof gc;
      v8.setFlagsFromString('--no-expose-gc');
    }
    gc?.({ type: 'minor' });
  };
}
