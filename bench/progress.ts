// `archangel progress` on a big learner record (target: answers in under 200 ms with 10,000 notes).
//  - the core: the notes and quiz answers read from a real state.db, the learner model, the text
//  - the CLI end to end: `node bin/archangel.js progress --json` (process start included)
//  - the mentor's per-save adaptation: one topic's history read and modelled
// Run: npm run build && npx tsx bench/progress.ts
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { palette } from '../src/cli/terminal.js';
import { learnerAdapter } from '../src/progress/adapt.js';
import { formatProgress } from '../src/progress/format.js';
import { progressReport } from '../src/progress/report.js';
import { openSessionStore } from '../src/session/store.js';
import type { Note } from '../src/tutor/types.js';
import { percentile } from './lib/corpus.js';

const NOTES = 10_000;
const TOPICS = 80;
const PER_REVIEW = 20;
const LEARNER = 'ada@example.org';
const DAY = 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'archangel-progress-bench-'));
execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir]);
execFileSync('git', ['config', 'user.email', LEARNER], { cwd: dir });
writeFileSync(join(dir, 'archangel.json'), JSON.stringify({ golden: [] }));

// A year of saves, oldest first: each review shows 20 notes; most are fixed a day later, some
// after climbing the ladder, a few come back (relapses), a few are dismissed; quiz answers too.
let clock = Date.now() - 365 * DAY;
const store = openSessionStore(join(dir, '.archangel', 'state.db'), { learner: LEARNER, now: () => clock });
const filled = performance.now();
const snippet = 'export function readUser(id: string) {\n  return users.get(id);\n}\n'.repeat(3);
for (let start = 0; start < NOTES; start += PER_REVIEW) {
  const notes: Note[] = [];
  for (let i = start; i < start + PER_REVIEW; i++) {
    const topic = `ts.${['naming', 'errors', 'idioms', 'size', 'docs'][i % 5]}.rule-${i % TOPICS}`;
    notes.push({
      id: `note-${i}`,
      path: `src/file-${i % 300}.ts`,
      startLine: (i % 90) + 1,
      endLine: (i % 90) + 4,
      topic,
      severity: (['info', 'warn', 'error'] as const)[i % 3]!,
      title: topic.split('.')[1]!,
      ladder: [1, 2, 3, 4].map((level) => ({ level: level as 1 | 2 | 3 | 4, text: `Rung ${level} of a note about ${topic}: what does this code do when the input is empty?` })),
      evidence: [
        { kind: 'golden', id: 'E1', citation: { repo: 'acme/api', path: `src/golden-${i % 50}.ts`, startLine: 10, endLine: 30, commit: '1a2b3c4d5e6f7a8b' }, snippet },
        { kind: 'convention', id: 'E2', ruleId: topic, statement: `The golden code follows ${topic}`, support: 400, confidence: 0.95, examples: [] },
      ],
      source: 'offline',
    });
  }
  const paths = notes.map((n) => n.path);
  const review = store.startReview({ repo: dir, branch: 'main', target: { kind: 'worktree' }, tutor: 'offline', files: paths });
  store.recordNotes(review, notes, () => snippet);
  for (const [k, note] of notes.entries()) if (k % 4 === 0) for (const level of [2, 3, 4] as const) store.climb(note.id, level);
  clock += DAY / 2;
  const fix = store.startReview({ repo: dir, branch: 'main', target: { kind: 'worktree' }, tutor: 'offline', files: paths });
  store.markResolved(fix, notes.filter((_, k) => k % 7 !== 0).map((n) => n.id));
  for (const [k, note] of notes.entries()) if (k % 11 === 0) store.dismiss(note.id);
  store.recordQuizAnswer({ topic: notes[0]!.topic, question: 'q', answer: 'a', correct: start % 3 !== 0, grader: 'offline' });
  clock += DAY / 2;
}
console.log(`filled ${NOTES} notes over ${TOPICS} topics in ${((performance.now() - filled) / 1000).toFixed(1)} s`);

const core: number[] = [];
for (let run = 0; run < 30; run++) {
  const started = performance.now();
  const report = progressReport(store, { repo: dir, branch: 'main', since: null, now: Date.now() });
  formatProgress(report, palette(false));
  core.push(performance.now() - started);
}
const windowed: number[] = [];
for (let run = 0; run < 30; run++) {
  const started = performance.now();
  progressReport(store, { repo: dir, branch: 'main', since: Date.now() - 30 * DAY, now: Date.now() });
  windowed.push(performance.now() - started);
}
const adapt: number[] = [];
for (let run = 0; run < 30; run++) {
  const started = performance.now();
  learnerAdapter(store, 'info').decide({ topic: `ts.naming.rule-${(run * 5) % TOPICS}`, severity: 'warn' });
  adapt.push(performance.now() - started);
}
store.close();

const bin = new URL('../bin/archangel.js', import.meta.url).pathname;
// The first run validates archangel.json with zod and caches it; later runs read the cache.
const cacheDir = join(dir, 'cache');
const cli: number[] = [];
let firstRun = 0;
for (let run = 0; run < 13; run++) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [bin, 'progress', '--json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ARCHANGEL_CACHE_DIR: cacheDir } });
  if (result.status !== 0) throw new Error(result.stderr);
  if (run === 0) firstRun = performance.now() - started;
  else cli.push(performance.now() - started);
}
const help: number[] = [];
for (let run = 0; run < 6; run++) {
  const started = performance.now();
  spawnSync(process.execPath, [bin, '--help'], { cwd: dir });
  help.push(performance.now() - started);
}
rmSync(dir, { recursive: true, force: true });

const row = (name: string, values: number[]) => console.log(`${name.padEnd(48)} p50 ${percentile(values, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(values, 95).toFixed(1).padStart(6)} ms`);
row('core: all history (10,000 notes) + model + text', core);
row('core: --since 30d', windowed);
row('mentor adaptation: one topic per save', adapt);
row('CLI end to end: progress --json', cli);
console.log(`${'  its first run (config not cached yet)'.padEnd(48)}     ${firstRun.toFixed(1).padStart(6)} ms`);
row('for scale: CLI --help (process start)', help);
console.log(`target: progress answers in under 200 ms — core p95 ${percentile(core, 95) < 200 ? 'meets' : 'misses'} it, CLI p95 ${percentile(cli, 95) < 200 ? 'meets' : 'misses'} it`);
