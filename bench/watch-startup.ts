// `archangel --help` cold start, the TUI's first frame, offline save-to-diff and save-to-first-note
// on screen, and the RSS of `watch` on a 20,000-file tree. Drives the built binary in tmux like a
// person would. Run: npm run build && npx tsx bench/watch-startup.ts
// Quick iterations: BENCH_FILES=2000 BENCH_ROUNDS=3 BENCH_SKIP_QUIET=1 npx tsx bench/watch-startup.ts
// (a smaller tree, and no wait for the quiet-RSS figure). A small tree may teach the mentor too
// little to note anything: the note wait then times out and prints the screen.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUIET_MS } from '../src/watch/memory-trim.js';
import { buildNodeModulesCorpus, git, percentile } from './lib/corpus.js';

const BIN = new URL('../bin/archangel.js', import.meta.url).pathname;
const SESSION = 'archangel-bench';
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const FILES = Number(process.env.BENCH_FILES ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SKIP_QUIET = process.env.BENCH_SKIP_QUIET === '1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(pattern: RegExp, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (pattern.test(tmux('capture-pane', '-p', '-t', SESSION))) return performance.now() - started;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${pattern} on screen:\n${tmux('capture-pane', '-p', '-t', SESSION)}`);
}

// 1. --help cold start.
const help: number[] = [];
for (let i = 0; i < 15; i++) {
  const started = performance.now();
  spawnSync(process.execPath, [BIN, '--help']);
  help.push(performance.now() - started);
}

// 2-4. A 20,000-file repository that is its own golden repo.
const corpus = buildNodeModulesCorpus({ maxFiles: FILES });
writeFileSync(join(corpus.dir, 'archangel.json'), JSON.stringify({ golden: [{ path: '.', name: 'corpus' }] }));
writeFileSync(join(corpus.dir, '.gitignore'), '.archangel/\n');
git(corpus.dir, 'add', '-A');
git(corpus.dir, '-c', 'user.name=b', '-c', 'user.email=b@example.invalid', 'commit', '-qm', 'config');
execFileSync(process.execPath, [BIN, 'index', '--quiet'], { cwd: corpus.dir, env: { ...process.env, CI: '' } });

const firstFrame: number[] = [];
const diffShown: number[] = [];
const firstNote: number[] = [];
let rssMb = 0;
let quietRssMb = 0;
const target = join(corpus.dir, 'pkgs', 'bench-edit.ts');
for (let round = 0; round < ROUNDS; round++) {
  spawnSync('tmux', ['kill-session', '-t', SESSION]);
  // Each round starts from a clean tree, so the save below is the only change and its notes are the only ones.
  rmSync(target, { force: true });
  const started = performance.now();
  tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '40', `cd ${corpus.dir} && env -u CI ${process.execPath} ${BIN} watch --offline`);
  await until(/Mentor/);
  firstFrame.push(performance.now() - started);
  await until(/Nothing to say|No changes yet|notes?/i);
  await sleep(1500);
  const pid = tmux('list-panes', '-t', SESSION, '-F', '#{pane_pid}').trim();
  // The shell may have exec'ed node itself (whose children are then short-lived git processes); otherwise node is the pane's child.
  const isNode = (candidate: string) => readFileSync(`/proc/${candidate}/cmdline`, 'utf8').includes(BIN);
  const child = isNode(pid) ? pid : spawnSync('pgrep', ['-P', pid], { encoding: 'utf8' }).stdout.trim().split('\n').find(isNode) ?? pid;
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  rssMb = Math.max(rssMb, rss());
  // Once the session has been quiet a while, watch hands its young generation back (memory-trim.ts).
  if (!SKIP_QUIET) await sleep(QUIET_MS + 2_000);
  quietRssMb = Math.max(quietRssMb, rss());
  const saved = performance.now();
  // A snake_case function with an empty catch: departures the offline mentor notes where the golden code is consistent.
  writeFileSync(target, `\nexport function bench_round_${round}(value) {\n  try { return JSON.parse(value); } catch (error) {}\n}\n`);
  await until(new RegExp(`bench_round_${round}`));
  diffShown.push(performance.now() - saved);
  await until(/bench-edit\.ts:\d+/);
  firstNote.push(performance.now() - saved);
  tmux('send-keys', '-t', SESSION, 'q');
  await sleep(500);
}
spawnSync('tmux', ['kill-session', '-t', SESSION]);

console.log(`# watch and CLI start-up (${corpus.files} files)\n`);
console.log('| measure | p50 | p95 | target |');
console.log('| --- | --- | --- | --- |');
console.log(`| \`archangel --help\` cold start | ${percentile(help, 50).toFixed(0)} ms | ${percentile(help, 95).toFixed(0)} ms | < 120 ms |`);
console.log(`| TUI first frame (process start to the panes drawn) | ${percentile(firstFrame, 50).toFixed(0)} ms | ${percentile(firstFrame, 95).toFixed(0)} ms | < 700 ms |`);
console.log(`| save to its diff in the Changes pane, offline (includes the 150 ms settle) | ${percentile(diffShown, 50).toFixed(0)} ms | ${percentile(diffShown, 95).toFixed(0)} ms | |`);
console.log(`| save to first note in the Mentor pane, offline (includes the 150 ms settle) | ${percentile(firstNote, 50).toFixed(0)} ms | ${percentile(firstNote, 95).toFixed(0)} ms | < 300 ms |`);
console.log(`| RSS of \`watch\` on the tree 1.5 s after its first review (max over runs) | ${rssMb.toFixed(0)} MB | | < 150 MB |`);
console.log(`| RSS of \`watch\` on the tree once quiet for ${(QUIET_MS / 1000 + 2).toFixed(0)} s (max over runs) | ${quietRssMb.toFixed(0)} MB | | < 150 MB |`);
execFileSync('rm', ['-rf', corpus.dir]);
