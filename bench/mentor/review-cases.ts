// Reviews each case as `archangel review --offline` would on the learner's save, and scores its
// notes: on the key lines or not, and whether each note's golden example is comparable code.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { detectLanguage, isParsedLanguage } from '../../src/index/language.js';
import { openReviewServices } from '../../src/review/open-services.js';
import { runReview } from '../../src/review/run-review.js';
import type { Note } from '../../src/tutor/types.js';
import type { BenchCase } from './cases.js';
import { callLabel, codeFacts, compareCode } from './comparable.js';
import type { GoldenRepo } from './golden.js';
import { resetClone } from '../lib/review-fixture.js';
import { learnerRepo } from './learner.js';
import { exampleEvidence, scoreCase, type CaseResult, type ExampleScore, type ScoredNote } from './score.js';

/**
 * Every case of one language, one after the other in one learner repo: the case's file is saved,
 * reviewed offline with no learner record (so one case's notes cannot fade or promote another's),
 * and removed again.
 */
export async function reviewCases(golden: GoldenRepo, indexPath: string, cases: BenchCase[]): Promise<CaseResult[]> {
  const { dir, project } = learnerRepo(golden, indexPath);
  const services = await openReviewServices(project, { offline: true });
  const goldenText = goldenReader(golden);
  try {
    const results: CaseResult[] = [];
    for (const benchCase of cases) {
      resetClone(dir);
      for (const companion of benchCase.companions) {
        mkdirSync(dirname(join(dir, companion.path)), { recursive: true });
        writeFileSync(join(dir, companion.path), companion.text);
      }
      const file = join(dir, benchCase.label.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, benchCase.text);
      const notes: Note[] = [];
      const errors: string[] = [];
      const added = new Set<number>();
      for await (const event of runReview({ project, repoDir: dir, target: { kind: 'worktree' }, paths: [file], tutor: services.tutor, index: services.index, profile: services.profile })) {
        if (event.type === 'note-end') notes.push(event.note);
        if (event.type === 'error') errors.push(event.message);
        if (event.type === 'context') for (const hunk of event.context.hunks) if (hunk.path === benchCase.label.path) for (const line of hunk.added) added.add(line.line);
      }
      const scored: ScoredNote[] = [];
      for (const note of notes) scored.push({ note, example: await scoreExample(note, benchCase, added, goldenText) });
      results.push(scoreCase(benchCase, scored, errors));
    }
    return results;
  } finally {
    services.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads golden files at a commit, once each. */
function goldenReader(golden: GoldenRepo): (path: string, commit: string) => string {
  const texts = new Map<string, string>();
  return (path, commit) => {
    const key = `${commit}:${path}`;
    let text = texts.get(key);
    if (text === undefined) {
      text = execFileSync('git', ['show', key], { cwd: golden.dir, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] });
      texts.set(key, text);
    }
    return text;
  };
}

async function scoreExample(note: Note, benchCase: BenchCase, added: ReadonlySet<number>, goldenText: (path: string, commit: string) => string): Promise<ExampleScore> {
  const shown = exampleEvidence(note);
  if (!shown) return { kind: 'none' };
  const { citation, presented } = shown;
  const learnerLanguage = detectLanguage(note.path);
  const goldenLanguage = detectLanguage(citation.path);
  if (!learnerLanguage || !isParsedLanguage(learnerLanguage) || !goldenLanguage || !isParsedLanguage(goldenLanguage)) return { kind: 'unreadable', citation, why: 'no grammar for one of the two files' };
  let text: string;
  try {
    text = goldenText(citation.path, citation.commit);
  } catch (error) {
    return { kind: 'unreadable', citation, why: `not in the golden repo: ${(error as Error).message.split('\n')[0]}` };
  }
  const learner = await codeFacts(benchCase.text, learnerLanguage, note.startLine, note.endLine, (line) => added.has(line));
  const golden = await codeFacts(text, goldenLanguage, citation.startLine, citation.endLine);
  if (!learner || !golden) return { kind: 'unreadable', citation, why: 'the parser gave up' };
  return { kind: 'compared', citation, learnerCalls: [...new Set(learner.calls.map(callLabel))], comparison: compareCode(learner, golden), presented };
}
