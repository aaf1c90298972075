// Memory, start-up time and save latency of `watch` on a 20,000-file repository.
// Run: npx tsx bench/watch-rss.ts [--files 20000] [--writes 20]
// Each measure runs in a fresh process so that one's heap does not inflate the next one's RSS.
import { execFileSync } from 'node:child_process';
import { readdirSync, readlinkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import { watchWorkingTree } from '../src/watch/watcher/index.js';
import { buildNodeModulesCorpus, percentile } from './lib/corpus.js';

const arg = (name: string, fallback: number): number => Number(process.argv[process.argv.indexOf(name) + 1]) || fallback;
const FILES = arg('--files', 20_000);
const WRITES = arg('--writes', 20);
/** The size limit `watch` uses by default for the index (config `index.maxFileBytes`). */
const MAX_FILE_BYTES = 1_000_000;
/** Between two measured writes: longer than the settle time, so each write is its own save. */
const GAP_MS = 400;

type Mode = 'baseline' | 'watcher' | 'chokidar' | 'chokidar-folders';
interface Figures {
  mode: Mode;
  rssMb: number;
  heapMb: number;
  readyMs: number;
  inotifyWatches: number;
  latencyP50Ms: number;
  latencyMaxMs: number;
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

/** One measure, in this (child) process. */
async function measure(mode: Mode, dir: string, files: string[]): Promise<Figures> {
  const seen = new Map<string, (at: number) => void>();
  const started = performance.now();
  let close = async (): Promise<void> => {};
  if (mode === 'watcher') {
    const watch = await watchWorkingTree(dir, { maxFileBytes: MAX_FILE_BYTES, onSaves: (paths) => paths.forEach((path) => seen.get(path)?.(performance.now())) });
    close = () => watch.close();
  } else if (mode === 'chokidar') {
    // Plain chokidar on the whole tree: the figure STACK.md measured (one watch per file).
    const watcher = chokidarWatch(dir, { ignored: (path) => path.includes('/.git'), ignoreInitial: true });
    await new Promise<void>((resolve) => watcher.once('ready', resolve));
    watcher.on('change', (path) => seen.get(path.slice(dir.length + 1))?.(performance.now()));
    close = () => watcher.close();
  } else if (mode === 'chokidar-folders') {
    // The first design: chokidar with every file rejected by `ignored`, changes read from folder events.
    const watcher = chokidarWatch(dir, { ignored: (path, stats) => path.includes('/.git') || (stats !== undefined && !stats.isDirectory()), ignoreInitial: true, atomic: false });
    await new Promise<void>((resolve) => watcher.once('ready', resolve));
    watcher.on('raw', (_event, name, details) => {
      const folder = (details as { watchedPath?: string }).watchedPath ?? '';
      seen.get(join(folder, name).slice(dir.length + 1))?.(performance.now());
    });
    close = () => watcher.close();
  }
  const readyMs = performance.now() - started;
  await sleep(1_000);
  globalThis.gc?.();
  const memory = process.memoryUsage();
  const watches = inotifyWatches();
  const latencies: number[] = [];
  if (mode !== 'baseline') {
    for (let i = 0; i < WRITES; i++) {
      const path = files[(i * 997) % files.length]!;
      const heard = new Promise<number>((resolve) => seen.set(path, resolve));
      const wrote = performance.now();
      writeFileSync(join(dir, path), `// edit ${i}\n${readFileSync(join(dir, path), 'utf8')}`);
      latencies.push((await Promise.race([heard, sleep(5_000).then(() => NaN)])) - wrote);
      seen.delete(path);
      await sleep(GAP_MS);
    }
  }
  await close();
  return { mode, rssMb: mb(memory.rss), heapMb: mb(memory.heapUsed), readyMs, inotifyWatches: watches, latencyP50Ms: percentile(latencies, 50), latencyMaxMs: Math.max(...latencies) };
}

if (process.argv.includes('--child')) {
  const [mode, dir] = process.argv.slice(process.argv.indexOf('--child') + 1) as [Mode, string];
  const files = execFileSync('git', ['ls-files'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 }).trim().split('\n');
  process.stdout.write(JSON.stringify(await measure(mode, dir, files)));
} else {
  const corpus = buildNodeModulesCorpus({ maxFiles: FILES });
  const run = (mode: Mode): Figures =>
    JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', new URL(import.meta.url).pathname, '--child', mode, corpus.dir, '--writes', String(WRITES)], { encoding: 'utf8' })) as Figures;
  const results = (['baseline', 'watcher', 'chokidar-folders', 'chokidar'] as const).map(run);
  rmSync(corpus.dir, { recursive: true, force: true });
  const base = results[0]!;
  console.log(`# watch on ${corpus.files} files (${(corpus.bytes / 1e6).toFixed(1)} MB of JS/TS from node_modules), ${WRITES} writes\n`);
  console.log('| process | RSS after ready (MB) | over baseline (MB) | heap used (MB) | ready (ms) | inotify watches | save → event p50 / max (ms) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  const names: Record<Mode, string> = { baseline: 'baseline (modules loaded, nothing watched)', watcher: '`watchWorkingTree` (fs.watch per folder)', 'chokidar-folders': 'chokidar, folders only (files ignored)', chokidar: 'plain chokidar, every file' };
  for (const r of results) {
    const latency = r.mode === 'baseline' ? '—' : `${r.latencyP50Ms.toFixed(0)} / ${r.latencyMaxMs.toFixed(0)}`;
    const over = r.mode === 'baseline' ? '—' : (r.rssMb - base.rssMb).toFixed(0);
    console.log(`| ${names[r.mode]} | ${r.rssMb.toFixed(0)} | ${over} | ${r.heapMb.toFixed(0)} | ${r.mode === 'baseline' ? '—' : r.readyMs.toFixed(0)} | ${r.inotifyWatches} | ${latency} |`);
  }
  console.log('\nThe watcher figure includes its settle time (150 ms: a save is reported once the file is quiet); the chokidar rows report the raw change.');
}
