// `archangel index` on a large real repository: throughput, peak RSS and CPU of the built CLI (what a
// user runs: worker threads, SQLite and all), a no-op re-index and a one-file re-index, with ratios
// against the figures issue 14 started from. Linux (it reads /proc). Needs `npm run build`.
// Run: npx tsx bench/index-throughput.ts [--max-files N] [--runs 3]
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildNodeModulesCorpus, git, ioFloorSeconds, percentile } from './lib/corpus.js';

const arg = (name: string): number | undefined => Number(process.argv[process.argv.indexOf(name) + 1]) || undefined;
const maxFiles = arg('--max-files') ?? Infinity;
/** First indexes from scratch; the machine is shared, so the median of a few. */
const RUNS = arg('--runs') ?? 3;
const BIN = new URL('../bin/archangel.js', import.meta.url).pathname;
/** What issue 14 measured with bench/index-throughput.ts on 22,433 files. */
const ISSUE = { filesPerSecond: 835, peakMb: 660, peakWithoutWorkersMb: 348 };
/** The clock ticks /proc/<pid>/stat counts CPU time in. */
const TICKS_PER_SECOND = 100;

interface Run {
  seconds: number;
  peakMb: number;
  cpuSeconds: number;
}

/** Runs `archangel index` in `dir`, sampling the process's peak RSS (VmHWM, all threads) and CPU time. */
function index(dir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'index', '--quiet'], { cwd: dir, env: { ...process.env, ARCHANGEL_CACHE_DIR: join(dir, 'cache') }, stdio: ['ignore', 'ignore', 'inherit'] });
    let peakKb = 0;
    let ticks = 0;
    const sample = () => {
      try {
        peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? peakKb);
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks = Number(fields[11]) + Number(fields[12]);
      } catch {
        // the process just exited
      }
    };
    const timer = setInterval(sample, 100);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`archangel index exited ${code}`));
      else resolve({ seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024, cpuSeconds: ticks / TICKS_PER_SECOND });
    });
  });
}

function freshWork(corpusDir: string): string {
  const work = mkdtempSync(join(tmpdir(), 'aa-bench-index-'));
  writeFileSync(join(work, 'archangel.json'), JSON.stringify({ golden: [{ path: corpusDir, name: 'corpus' }] }));
  return work;
}

const corpus = buildNodeModulesCorpus({ maxFiles });
const floor = ioFloorSeconds(corpus.dir);
const firsts: Run[] = [];
let work = '';
for (let run = 0; run < RUNS; run++) {
  if (work) rmSync(work, { recursive: true, force: true });
  work = freshWork(corpus.dir);
  firsts.push(await index(work));
}
const noop = await index(work);
// A new commit touching one file: the whole tree is listed again, but only one blob is read.
appendFileSync(join(corpus.dir, 'pkgs', 'touched.js'), 'export const touched = 1;\n');
git(corpus.dir, 'add', '-A');
git(corpus.dir, '-c', 'user.name=b', '-c', 'user.email=b@example.invalid', 'commit', '-qm', 'touch');
const oneChange = await index(work);

const median = (pick: (run: Run) => number): number => percentile(firsts.map(pick), 50);
const seconds = median((r) => r.seconds);
const peak = median((r) => r.peakMb);
const filesPerSecond = corpus.files / seconds;
const mb = corpus.bytes / 1e6;
console.log(`# Index throughput (${corpus.files} files, ${mb.toFixed(1)} MB of JS/TS from node_modules; median of ${RUNS} first indexes)\n`);
console.log('| measure | figure | target | vs issue 14 |');
console.log('| --- | --- | --- | --- |');
console.log(`| first index | ${seconds.toFixed(2)} s: ${filesPerSecond.toFixed(0)} files/s, ${(mb / seconds).toFixed(1)} MB/s (runs: ${firsts.map((r) => r.seconds.toFixed(1)).join(', ')} s) | ≥ 1,000 files/s | ${(filesPerSecond / ISSUE.filesPerSecond).toFixed(2)}x ${ISSUE.filesPerSecond} files/s |`);
console.log(`| peak RSS (VmHWM, all threads) | ${peak.toFixed(0)} MB (runs: ${firsts.map((r) => r.peakMb.toFixed(0)).join(', ')}) | ≤ 300 MB | ${(peak / ISSUE.peakMb).toFixed(2)}x ${ISSUE.peakMb} MB (${(peak / ISSUE.peakWithoutWorkersMb).toFixed(2)}x the ${ISSUE.peakWithoutWorkersMb} MB without workers) |`);
console.log(`| CPU time (all threads) | ${median((r) => r.cpuSeconds).toFixed(1)} s: ${(median((r) => r.cpuSeconds) / seconds).toFixed(2)} cores busy on average | | |`);
console.log(`| I/O floor (git ls-files \\| xargs cat) | ${floor.toFixed(2)} s: index takes ${(seconds / floor).toFixed(1)}x the floor | | |`);
console.log(`| no-op re-index (same commit) | ${noop.seconds.toFixed(3)} s, peak ${noop.peakMb.toFixed(0)} MB | < 2 s | |`);
console.log(`| re-index after a one-file commit | ${oneChange.seconds.toFixed(3)} s, peak ${oneChange.peakMb.toFixed(0)} MB | | |`);
console.log(`\nThe machine's load average while measuring: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (2 cores here; above 2, other work competes).`);

rmSync(work, { recursive: true, force: true });
rmSync(corpus.dir, { recursive: true, force: true });
