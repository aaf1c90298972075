// The mentor benchmark (issues 12 and 13): seeded junior changes in TypeScript, JavaScript, Python,
// Java and Go, and real junior files from public repositories, each reviewed by the offline mentor
// against real golden code of its language.
// Reports top1, hit@3, clean and comparable golden examples against the goals, with every miss, in
// bench/reports/mentor-quality.md. Run: npx tsx bench/mentor-quality.ts [--only python,go]
// (see bench/mentor/README.md).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { REPO_ROOT } from './lib/review-fixture.js';
import { loadCases } from './mentor/cases.js';
import { BENCH_LANGUAGES, ensureGolden, type BenchLanguage } from './mentor/golden.js';
import { engineKey, goldenIndex } from './mentor/learner.js';
import { loadWildCases } from './mentor/wild-cases.js';
import { renderChanges, renderReport, renderSummary, snapshotOf, type LanguageRun, type RunInfo, type Snapshot } from './mentor/report.js';
import { reviewCases } from './mentor/review-cases.js';

const REPORT = new URL('./reports/mentor-quality.md', import.meta.url).pathname;
/** Each case's verdicts at the last written report, to print what changed since. */
const SNAPSHOT = new URL('./reports/mentor-quality.json', import.meta.url).pathname;

const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex === -1 ? undefined : (process.argv[onlyIndex + 1] ?? '').split(',');
const unknown = only?.filter((language) => !(BENCH_LANGUAGES as readonly string[]).includes(language));
if (unknown && unknown.length > 0) {
  console.error(`unknown language ${unknown.join(', ')}: choose from ${BENCH_LANGUAGES.join(', ')}`);
  process.exit(2);
}

const wild = loadWildCases();
const cases = [...loadCases(), ...wild.cases];
const engine = engineKey();
const runs: LanguageRun[] = [];
for (const language of BENCH_LANGUAGES.filter((l: BenchLanguage) => !only || only.includes(l))) {
  const mine = cases.filter((benchCase) => benchCase.language === language);
  const golden = ensureGolden(language);
  if ('missing' in golden) {
    runs.push({ golden, cases: mine });
    continue;
  }
  const index = await goldenIndex(golden, engine);
  console.log(`${golden.name}: ${golden.files} files, index ${index.built ? `built in ${index.seconds.toFixed(1)} s` : 'cached'}; reviewing ${mine.length} cases`);
  runs.push({ golden, cases: mine, results: await reviewCases(golden, index.path, mine) });
}

const info: RunInfo = { engine: engineLabel(), runs, wildSkipped: wild.skipped };
const snapshot = snapshotOf(info);
console.log(renderSummary(info).join('\n'));
if (existsSync(SNAPSHOT)) console.log(renderChanges(JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Snapshot, snapshot).join('\n'));
if (only) {
  console.log('(--only: the report is not written)');
} else {
  writeFileSync(REPORT, renderReport(info));
  writeFileSync(SNAPSHOT, `${JSON.stringify(snapshot, null, 2)}\n`);
  console.log(`report: ${REPORT}`);
}

/** The last commit that changed the mentor (src/, prompts/), and whether they have uncommitted changes on top of it. */
function engineLabel(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  const dirty = git('status', '--porcelain', '--', 'src', 'prompts') !== '';
  return `@${git('log', '-1', '--format=%h', '--abbrev=7', '--', 'src', 'prompts')}${dirty ? ' + uncommitted changes' : ''}`;
}
