// The notes report: what the offline mentor says, all four rungs, on ten seeded changes to real
// code, written to bench/reports/mentor-notes.md for anyone to score with the rubric in
// shared/MENTOR.md. Run: npx tsx bench/mentor-notes.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openReviewServices } from '../src/review/open-services.js';
import { noteToMarkdown } from '../src/review/render-notes.js';
import { runReview } from '../src/review/run-review.js';
import type { Note } from '../src/tutor/types.js';
import { applySeed, learnerClone, resetClone, SEEDS } from './lib/review-fixture.js';

const { dir, project } = await learnerClone();
const services = await openReviewServices(project, { offline: true });
const out: string[] = [
  '# Offline mentor: notes on ten seeded changes',
  '',
  'Golden code: this repository at the commit the benchmark ran on. Each section is one seeded change to a real file of a clone, reviewed with `archangel review` logic, offline. Score each note with the rubric in shared/MENTOR.md.',
  '',
];
let total = 0;
let silent = 0;
for (const seed of SEEDS) {
  resetClone(dir);
  applySeed(dir, seed);
  const notes: Note[] = [];
  for await (const event of runReview({ project, repoDir: dir, target: { kind: 'worktree' }, paths: [join(dir, seed.path)], tutor: services.tutor, index: services.index, profile: services.profile })) {
    if (event.type === 'note-end') notes.push(event.note);
  }
  total += notes.length;
  if (notes.length === 0) silent++;
  out.push(`## ${seed.name} — \`${seed.path}\``, '');
  if (notes.length === 0) out.push('_No note: the mentor stayed silent._', '');
  for (const note of notes) out.push(noteToMarkdown(note));
}
resetClone(dir);
services.close();
const report = new URL('./reports/mentor-notes.md', import.meta.url).pathname;
writeFileSync(report, `${out.join('\n')}\n`);
console.log(`${total} notes on ${SEEDS.length} seeded changes (${silent} silent); report: ${report}`);
