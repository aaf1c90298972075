// The offline mentor's speed and the size of what a review sends.
//  - save-to-first-note latency for a 300-line change, offline (target p50 < 250 ms)
//  - tokens per review against a naive prompt of the whole changed file plus its top 8 golden
//    chunks (target ≤ 0.3x), over the ten seeded changes
// Run: npx tsx bench/review.ts
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openReviewServices } from '../src/review/open-services.js';
import { forModel, prepareReview, runReview } from '../src/review/run-review.js';
import { aliasEvidence, renderDiff, renderEvidence, renderFindings } from '../src/tutor/claude/prompt-data.js';
import { reviewRequest } from '../src/tutor/claude/tutor.js';
import { percentile } from './lib/corpus.js';
import { applySeed, learnerClone, resetClone, SEEDS } from './lib/review-fixture.js';

/** About four characters a token for code and English: the same estimate for both prompts. */
const tokens = (text: string) => Math.ceil(text.length / 4);

const { dir, project } = await learnerClone();
const services = await openReviewServices(project, { offline: true });

// 1. Latency: a new 300-line file of real code with a seeded departure at the end.
const source = readFileSync(new URL('../node_modules/commander/lib/help.js', import.meta.url), 'utf8').split('\n').slice(0, 296).join('\n');
const changed = join(dir, 'src', 'cli', 'help-layout.ts');
mkdirSync(dirname(changed), { recursive: true });
const firstNote: number[] = [];
const whole: number[] = [];
for (let round = 0; round < 12; round++) {
  writeFileSync(changed, `${source}\n// round ${round}\nexport function format_help_width(width) {\n  try { return width * 2; } catch (e) {}\n}\n`);
  const started = performance.now();
  let first: number | undefined;
  for await (const event of runReview({ project, repoDir: dir, target: { kind: 'worktree' }, paths: [changed], tutor: services.tutor, index: services.index, profile: services.profile, session: services.session })) {
    if (event.type === 'note-end' && first === undefined) first = performance.now() - started;
  }
  if (round > 1) {
    firstNote.push(first ?? NaN);
    whole.push(performance.now() - started);
  }
}
rmSync(changed);

// 2. Tokens: what a review sends vs the naive prompt, for each seeded change.
const rows: string[] = [];
let sentTotal = 0;
let naiveTotal = 0;
let instructionTotal = 0;
for (const seed of SEEDS) {
  resetClone(dir);
  applySeed(dir, seed);
  const { context } = await prepareReview({ project, repoDir: dir, target: { kind: 'worktree' }, paths: [join(dir, seed.path)], index: services.index, profile: services.profile });
  const sentContext = forModel(context, true);
  const request = await reviewRequest(sentContext, { model: project.config.model, projectRoot: dir });
  // The evidence a review sends (diff hunks, golden snippets, findings) against the naive
  // evidence (the whole file and its top 8 chunks); the instructions around both are the same.
  const sent = tokens(renderDiff(sentContext.hunks)) + tokens(renderEvidence(aliasEvidence(sentContext.evidence))) + tokens(renderFindings(sentContext.findings));
  const file = readFileSync(join(dir, seed.path), 'utf8');
  const top8 = await services.index!.search({ kind: 'code', code: file }, { limit: 8, excludePath: seed.path });
  const naive = tokens(file) + top8.reduce((sum, r) => sum + tokens(r.text), 0);
  const instructions = tokens(request.system) + tokens(JSON.stringify(request.messages)) - sent;
  sentTotal += sent;
  naiveTotal += naive;
  instructionTotal += instructions;
  rows.push(`| ${seed.name} | ${sent} | ${naive} | ${(sent / naive).toFixed(2)}x | ${((sent + instructions) / (naive + instructions)).toFixed(2)}x |`);
}
resetClone(dir);
services.close();

console.log('# Review benchmarks (offline mentor, golden = this repository)\n');
console.log(`Save-to-first-note, 300-line change, ${firstNote.length} runs: p50 ${percentile(firstNote, 50).toFixed(0)} ms, p95 ${percentile(firstNote, 95).toFixed(0)} ms (target p50 < 250 ms); whole review p50 ${percentile(whole, 50).toFixed(0)} ms.\n`);
console.log('| seeded change | evidence tokens sent | naive (file + top 8 chunks) | ratio | whole request ratio (same instructions on both) |');
console.log('| --- | --- | --- | --- | --- |');
rows.forEach((row) => console.log(row));
console.log(`| **all ten** | ${sentTotal} | ${naiveTotal} | **${(sentTotal / naiveTotal).toFixed(2)}x** (target ≤ 0.3x) | ${((sentTotal + instructionTotal) / (naiveTotal + instructionTotal)).toFixed(2)}x |`);
rmSync(dir, { recursive: true, force: true });
