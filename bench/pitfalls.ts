// The pitfall engines: what a save costs, what they find, and how often they cry wolf.
//  - per-save time of each engine on a ~300-line file: cold (first file of the process: module,
//    WASM or server start) and warm (median of later saves), against one `oxlint` run per save
//    (the CLI, the only other way to run oxlint) as the baseline. Target: warm well inside the
//    offline save-to-first-note budget (p50 < 250 ms, bench/review.ts).
//  - the seeded pitfalls of the issue: found / expected.
//  - false alarms per 1,000 lines: every pitfall in real code nobody here wrote (golden-quality
//    code, checked whole) counts as one; per language and per rule.
// Run: npx tsx bench/pitfalls.ts   (GO_CORPUS=dir1:dir2 adds Go repositories, CORPUS=dir1:dir2 the
// Python, JS/TS, Java and Go files of any; PYTHON_LIMIT caps the stdlib; SAMPLE_RULE=ruff/B018
// prints where that rule fired)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { detectLanguage, type Language } from '../src/index/language.js';
import { createOxlintEngine } from '../src/pitfalls/engines/oxlint.js';
import { oxlintConfig } from '../src/pitfalls/engines/oxlint-rules.js';
import { oxlintScript } from '../src/pitfalls/engines/oxlint-server.js';
import { createRuffEngine } from '../src/pitfalls/engines/ruff.js';
import { createSyntaxEngine } from '../src/pitfalls/engines/syntax.js';
import { createPitfallFinder, type PitfallFinder } from '../src/pitfalls/find-pitfalls.js';
import type { PitfallFile } from '../src/pitfalls/types.js';
import { loadCorpus, type CorpusFile } from './conventions-corpus.js';
import { percentile } from './lib/corpus.js';
import { PITFALL_SEEDS } from './lib/pitfall-seeds.js';

const WARM_SAVES = 15;
const CLI_RUNS = 5;

/** A whole real file of about 300 lines, as a save of it (a cut file would time the parser's error recovery). */
function saveOf(path: string, language: Language, file: string): PitfallFile {
  return { path, language, text: readFileSync(file, 'utf8') };
}

/** The files some engine reads. */
const CHECKED = /\.(py|[cm]?[jt]sx?|java|go)$/;
/** Declarations and minified bundles: nobody writes them by hand. */
const GENERATED = /\.d\.[cm]?ts$|\.min\.js$/;

// Real code nobody here wrote, beyond the conventions corpus.
function walk(dir: string, keep: (path: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) {
      if (!['node_modules', '__pycache__', 'testdata', 'vendor', '.git'].includes(name)) walk(full, keep, out);
    } else if (keep(full) && stat.size < 200_000) out.push(full);
  }
  return out;
}

function extra(repo: string, root: string, keep: (path: string) => boolean): CorpusFile[] {
  if (!existsSync(root)) return [];
  return walk(root, keep).flatMap((full) => {
    const language = detectLanguage(full);
    return language ? [{ repo, commit: 'local', path: relative(root, full), language, text: readFileSync(full, 'utf8') }] : [];
  });
}

// Loaded first: it also unpacks the JDK sources the Java save is taken from.
const corpus = [
  ...loadCorpus({ pythonLimit: Number(process.env.PYTHON_LIMIT ?? 10_000) }),
  ...extra('archangel', 'src', (p) => /\.tsx?$/.test(p)),
  ...extra('debian-site-packages', '/usr/lib/python3/dist-packages', (p) => p.endsWith('.py')),
  ...(process.env.GO_CORPUS ?? '').split(':').filter(Boolean).flatMap((dir) => extra(basename(dir), dir, (p) => p.endsWith('.go'))),
  // SQL, shell commands and HTTP clients are rare in libraries: application code has them.
  ...(process.env.CORPUS ?? '').split(':').filter(Boolean).flatMap((dir) => extra(basename(dir), dir, (p) => CHECKED.test(p) && !GENERATED.test(p))),
];

const SAVES: Array<{ engine: string; make: () => PitfallFinder; file: PitfallFile }> = [
  { engine: 'oxlint (language server)', make: () => createPitfallFinder([createOxlintEngine()]), file: saveOf('src/option.js', 'javascript', 'node_modules/commander/lib/option.js') },
  { engine: 'ruff (WASM, in-process)', make: () => createPitfallFinder([createRuffEngine()]), file: saveOf('app/shlex.py', 'python', '/root/.pyenv/versions/3.11.7/lib/python3.11/shlex.py') },
  { engine: 'tree-sitter (JavaScript)', make: () => createPitfallFinder([createSyntaxEngine()]), file: saveOf('src/option.js', 'javascript', 'node_modules/commander/lib/option.js') },
  { engine: 'tree-sitter (Java)', make: () => createPitfallFinder([createSyntaxEngine()]), file: saveOf('src/StringJoiner.java', 'java', '/tmp/archangel-bench-jdk/java.base/java/util/StringJoiner.java') },
];

console.log(`## Per-save time (ms), a ~300-line file (load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)\n`);
console.log('| engine | cold (first save) | warm p50 | warm p90 |\n|---|---|---|---|');
let oxlintWarm = NaN;
for (const { engine, make, file } of SAVES) {
  const finder = make();
  let started = performance.now();
  await finder.find(file);
  const cold = performance.now() - started;
  const warm: number[] = [];
  for (let save = 0; save < WARM_SAVES; save++) {
    const edited = { ...file, text: `${file.text}\n${file.language === 'python' ? '#' : '//'} save ${save}\n` };
    started = performance.now();
    await finder.find(edited);
    warm.push(performance.now() - started);
  }
  await finder.close();
  if (engine.startsWith('oxlint')) oxlintWarm = percentile(warm, 50);
  console.log(`| ${engine} | ${cold.toFixed(0)} | ${percentile(warm, 50).toFixed(1)} | ${percentile(warm, 90).toFixed(1)} |`);
}

// Baseline: one oxlint process per save, the way a CLI integration would run it.
const cliDir = mkdtempSync(join(tmpdir(), 'archangel-bench-oxlint-'));
writeFileSync(join(cliDir, '.oxlintrc.json'), JSON.stringify(oxlintConfig()));
writeFileSync(join(cliDir, 'option.js'), SAVES[0]?.file.text ?? '');
const cli: number[] = [];
for (let run = 0; run < CLI_RUNS; run++) {
  const started = performance.now();
  try {
    execFileSync(process.execPath, [oxlintScript(), '-c', '.oxlintrc.json', '--format', 'json', 'option.js'], { cwd: cliDir, stdio: 'pipe' });
  } catch {
    // oxlint exits 1 when it reports anything: the time is what counts here.
  }
  cli.push(performance.now() - started);
}
rmSync(cliDir, { recursive: true, force: true });
console.log(`\nBaseline, one \`oxlint\` CLI run per save: p50 ${percentile(cli, 50).toFixed(0)} ms, ${(percentile(cli, 50) / oxlintWarm).toFixed(0)}x the warm language server.`);

// Seeded pitfalls.
const finder = createPitfallFinder();
console.log('\n## Seeded pitfalls (the issue’s examples)\n');
console.log('| file | found / expected | missed | extra |\n|---|---|---|---|');
let found = 0;
let expected = 0;
for (const seed of PITFALL_SEEDS) {
  const got = (await finder.find(seed)).pitfalls.map((p) => p.ruleId);
  const missed = seed.expected.filter((id) => !got.includes(id));
  const extra = got.filter((id) => !seed.expected.includes(id));
  found += seed.expected.length - missed.length;
  expected += seed.expected.length;
  console.log(`| ${seed.path} | ${seed.expected.length - missed.length} / ${seed.expected.length} | ${missed.join(', ') || '–'} | ${extra.join(', ') || '–'} |`);
}
console.log(`| **all** | **${found} / ${expected}** | | |`);

// False alarms on real code.
/** Test code: golden too, but CPython's and zod's test suites exercise the odd corners on purpose. */
const TEST_PATH = /(^|\/)(tests?|__tests__)\/|_test\.go$|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]*\.py$/;
const family = (language: Language): string => (language === 'tsx' || language === 'javascript' ? 'typescript' : language);
const lines = new Map<string, number>();
const alarms = new Map<string, number>();
const byRule = new Map<string, number>();
const samples: string[] = [];
const notices = new Set<string>();
const add = (map: Map<string, number>, key: string, n: number): void => void map.set(key, (map.get(key) ?? 0) + n);
for (const file of corpus) {
  const language = family(file.language);
  const count = file.text.split('\n').length;
  add(lines, language, count);
  add(lines, `${language}\t${file.repo}`, count);
  const report = await finder.find(file);
  for (const notice of report.notices) notices.add(notice);
  add(alarms, language, report.pitfalls.length);
  add(alarms, `${language}\t${file.repo}`, report.pitfalls.length);
  if (!TEST_PATH.test(file.path)) {
    add(lines, `${language}\toutside tests`, count);
    add(alarms, `${language}\toutside tests`, report.pitfalls.length);
  }
  for (const pitfall of report.pitfalls) {
    add(byRule, `${language}\t${pitfall.ruleId}`, 1);
    if (process.env.SAMPLE_RULE === pitfall.ruleId) samples.push(`${file.repo}/${file.path}:${pitfall.startLine} ${pitfall.message}`);
  }
}
await finder.close();
const perThousand = (n: number, of: number): string => ((n / of) * 1000).toFixed(2);
console.log(`\n## False alarms on real code, checked whole (${corpus.length} files)\n`);
console.log('| language | code | lines | pitfalls | per 1,000 lines |\n|---|---|---|---|---|');
for (const [key, count] of [...lines].filter(([key]) => !key.includes('\t')).sort()) {
  const subs = [...lines].filter(([k]) => k.startsWith(`${key}\t`)).sort(([a], [b]) => Number(a.endsWith('outside tests')) - Number(b.endsWith('outside tests')));
  for (const [sub, subCount] of subs) {
    console.log(`| ${key} | ${sub.split('\t')[1]} | ${subCount.toLocaleString('en')} | ${alarms.get(sub) ?? 0} | ${perThousand(alarms.get(sub) ?? 0, subCount)} |`);
  }
  console.log(`| **${key}** | all | ${count.toLocaleString('en')} | ${alarms.get(key) ?? 0} | **${perThousand(alarms.get(key) ?? 0, count)}** |`);
}
console.log('\n| language | rule | pitfalls | per 1,000 lines |\n|---|---|---|---|');
for (const [key, n] of [...byRule].sort((a, b) => b[1] - a[1])) {
  const [language = '', rule = ''] = key.split('\t');
  console.log(`| ${language} | ${rule} | ${n} | ${perThousand(n, lines.get(language) ?? 1)} |`);
}
if (notices.size > 0) console.log(`\nNotices: ${[...notices].join(' / ')}`);
for (const sample of samples) console.log(sample);
