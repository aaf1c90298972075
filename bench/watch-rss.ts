// Memory, start-up time, CPU and save latency of the working-tree watcher on a 20,000-file repository:
// @parcel/watcher (native events) and its chokidar-polling fallback, beside plain chokidar, with
// ratios against the figures issue 14 started from.
// Run: npx tsx bench/watch-rss.ts [--files 20000] [--writes 20]
// Each measure runs in a fresh process so that one's heap does not inflate the next one's RSS.
import { execFileSync } from 'node:child_process';
import { readdirSync, readlinkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import { DEFAULT_SETTLE_MS, watchWorkingTree } from '../src/watch/watcher/index.js';
import { buildNodeModulesCorpus, percentile } from './lib/corpus.js';

const arg = (name: string, fallback: number): number => Number(process.argv[process.argv.indexOf(name) + 1]) || fallback;
const FILES = arg('--files', 20_000);
const WRITES = arg('--writes', 20);
/** The size limit `watch` uses by default for the index (config `index.maxFileBytes`). */
const MAX_FILE_BYTES = 1_000_000;
/** Between two measured writes: longer than the settle time (and a poll), so each write is its own save. */
const GAP_MS = 1_200;
/** How long the CPU of a watching, idle process is measured. */
const IDLE_MS = 5_000;

/** What issue 14 measured on a 20,000-file tree (ready, RSS added): the baselines of the ratios below. */
const ISSUE = {
  parcel: { readyMs: 60, addedMb: 7, label: '@parcel/watcher alone' },
  folders: { readyMs: 411, addedMb: 22, label: 'our fs.watch per folder' },
  chokidar: { readyMs: 1_604, addedMb: 199, label: 'chokidar default' },
};

type Mode = 'baseline' | 'native' | 'poll' | 'chokidar';
interface Figures {
  mode: Mode;
  rssMb: number;
  readyMs: number;
  inotifyWatches: number;
  idleCpuPercent: number;
  latencyP50Ms: number;
  latencyMaxMs: number;
  missed: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number): number => bytes / 1024 / 1024;

/** Inotify watches this process holds (Linux: the `inotify wd:` lines of its inotify fds). */
function inotifyWatches(): number {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (!readlinkSync(`/proc/self/fd/${fd}`).includes('inotify')) continue;
      count += readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').split('\n').filter((line) => line.startsWith('inotify wd:')).length;
    } catch {
      // fds come and go while we read them
    }
  }
  return count;
}

/** One measure, in this (child) process. Latencies of `watchWorkingTree` include its settle time. */
async function measure(mode: Mode, dir: string, files: string[]): Promise<Figures> {
  const seen = new Map<string, (at: number) => void>();
  const started = performance.now();
  let close = async (): Promise<void> => {};
  if (mode === 'native' || mode === 'poll') {
    const watch = await watchWorkingTree(dir, { maxFileBytes: MAX_FILE_BYTES, poll: mode === 'poll', onSaves: (paths) => paths.forEach((path) => seen.get(path)?.(performance.now())) });
    close = () => watch.close();
  } else if (mode === 'chokidar') {
    // Plain chokidar on the whole tree, as issue 14 measured it (one inotify watch per file).
    const watcher = chokidarWatch(dir, { ignored: (path) => path.includes('/.git'), ignoreInitial: true });
    await new Promise<void>((resolve) => watcher.once('ready', resolve));
    watcher.on('change', (path) => seen.get(path.slice(dir.length + 1))?.(performance.now()));
    close = () => watcher.close();
  }
  const readyMs = performance.now() - started;
  await sleep(1_000);
  globalThis.gc?.();
  const rss = process.memoryUsage().rss;
  const watches = inotifyWatches();
  const cpuBefore = process.cpuUsage();
  await sleep(IDLE_MS);
  const cpu = process.cpuUsage(cpuBefore);
  const latencies: number[] = [];
  let missed = 0;
  if (mode !== 'baseline') {
    for (let i = 0; i < WRITES; i++) {
      const path = files[(i * 997) % files.length]!;
      const heard = new Promise<number>((resolve) => seen.set(path, resolve));
      const wrote = performance.now();
      writeFileSync(join(dir, path), `// edit ${i}\n${readFileSync(join(dir, path), 'utf8')}`);
      const at = await Promise.race([heard, sleep(5_000).then(() => NaN)]);
      if (Number.isNaN(at)) missed++;
      else latencies.push(at - wrote);
      seen.delete(path);
      await sleep(GAP_MS);
    }
  }
  await close();
  return {
    mode,
    rssMb: mb(rss),
    readyMs,
    inotifyWatches: watches,
    idleCpuPercent: ((cpu.user + cpu.system) / 1000 / IDLE_MS) * 100,
    latencyP50Ms: percentile(latencies, 50),
    latencyMaxMs: latencies.length > 0 ? Math.max(...latencies) : NaN,
    missed,
  };
}

if (process.argv.includes('--child')) {
  const [mode, dir] = process.argv.slice(process.argv.indexOf('--child') + 1) as [Mode, string];
  const files = execFileSync('git', ['ls-files'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 }).trim().split('\n');
  process.stdout.write(JSON.stringify(await measure(mode, dir, files)));
} else {
  const corpus = buildNodeModulesCorpus({ maxFiles: FILES });
  const run = (mode: Mode): Figures =>
    JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', new URL(import.meta.url).pathname, '--child', mode, corpus.dir, '--writes', String(WRITES)], { encoding: 'utf8' })) as Figures;
  const results = (['baseline', 'native', 'poll', 'chokidar'] as const).map(run);
  rmSync(corpus.dir, { recursive: true, force: true });
  const base = results[0]!;
  const added = (r: Figures): number => r.rssMb - base.rssMb;
  console.log(`# watch on ${corpus.files} files (${(corpus.bytes / 1e6).toFixed(1)} MB of JS/TS from node_modules), ${WRITES} writes\n`);
  console.log('| process | RSS after ready (MB) | added (MB) | ready (ms) | inotify watches | idle CPU (% of a core) | save → reported p50 / max (ms) | missed |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  const names: Record<Mode, string> = {
    baseline: 'baseline (modules loaded, nothing watched)',
    native: '`watchWorkingTree`, @parcel/watcher',
    poll: '`watchWorkingTree`, chokidar polling (fallback)',
    chokidar: 'plain chokidar, every file (reference)',
  };
  for (const r of results) {
    const dash = r.mode === 'baseline';
    const latency = dash ? '—' : `${r.latencyP50Ms.toFixed(0)} / ${r.latencyMaxMs.toFixed(0)}`;
    console.log(`| ${names[r.mode]} | ${r.rssMb.toFixed(0)} | ${dash ? '—' : added(r).toFixed(0)} | ${dash ? '—' : r.readyMs.toFixed(0)} | ${r.inotifyWatches} | ${r.idleCpuPercent.toFixed(1)} | ${latency} | ${dash ? '—' : r.missed} |`);
  }
  const native = results[1]!;
  console.log(`\nAgainst issue 14's figures (ready, RSS added) for the native watch: ${native.readyMs.toFixed(0)} ms, +${added(native).toFixed(0)} MB`);
  for (const baseline of Object.values(ISSUE)) {
    console.log(`- vs ${baseline.label} (${baseline.readyMs} ms, +${baseline.addedMb} MB): ready ${(native.readyMs / baseline.readyMs).toFixed(2)}x, RSS added ${(added(native) / baseline.addedMb).toFixed(2)}x`);
  }
  console.log(`\n\`watchWorkingTree\` latencies include its settle time (${DEFAULT_SETTLE_MS} ms: a save is reported once the file is quiet) and polling's interval; the chokidar row reports the raw change.`);
}
