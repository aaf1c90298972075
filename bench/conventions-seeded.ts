// Seeds known departures into held-out golden files and reports, per rule, how many the checker
// finds (recall) and how many of its findings on the seeded lines are the seeded rule (precision).
import { buildProfile, checkFile, observeFile } from '../src/conventions/index.js';
import { collectFacts } from '../src/conventions/observe.js';
import { rulePrefix } from '../src/conventions/specs/index.js';
import type { Profile } from '../src/conventions/types.js';
import { isHeldOut, loadCorpus, type CorpusFile } from './conventions-corpus.js';

interface Seed { rule: string; file: CorpusFile; changed?: Array<{ start: number; end: number }> }

const SEEDS_PER_KIND = Number(process.env.SEEDS ?? 40);
const corpus = loadCorpus({ pythonLimit: Number(process.env.PYTHON_LIMIT ?? 800) });
const train = corpus.filter((f) => !isHeldOut(f));
const held = corpus.filter(isHeldOut).filter((f) => ['typescript', 'python', 'java'].includes(f.language));
const profile: Profile = buildProfile(await Promise.all(train.map(async (f) => ({ ...f, observations: await observeFile(f.text, f.language) }))));
const limit = (language: string, key: string): number => profile.sizes[`${rulePrefix(language as CorpusFile['language'])}.${key}`]?.limit ?? 100;

function recase(name: string, to: 'snake' | 'camel'): string {
  if (to === 'snake') return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Appends a snippet where it parses: at the end of a module, or inside the last Java class. */
function inject(file: CorpusFile, snippet: string[]): Seed['changed'] & object {
  const lines = file.text.replace(/\n+$/, '').split('\n');
  const at = file.language === 'java' ? lines.map((l) => l.trim()).lastIndexOf('}') : lines.length;
  lines.splice(at, 0, ...snippet);
  file.text = lines.join('\n') + '\n';
  return [{ start: at + 1, end: at + snippet.length }];
}

const SNIPPETS: Record<string, Record<string, (n: number) => string[]>> = {
  'errors.empty-catch': {
    typescript: () => ['function seededCatch(): void {', '  try {', '    run();', '  } catch (e) {}', '}'],
    python: () => ['def seeded_catch():', '    try:', '        run()', '    except Exception:', '        pass'],
    java: () => ['  void seededCatch() {', '    try {', '      run();', '    } catch (Exception e) {}', '  }'],
  },
  'size.function-lines': {
    typescript: (n) => ['function seededLong(): void {', ...Array.from({ length: n }, (_, i) => `  step(${i});`), '}'],
    python: (n) => ['def seeded_long():', ...Array.from({ length: n }, (_, i) => `    step(${i})`)],
    java: (n) => ['  void seededLong() {', ...Array.from({ length: n }, (_, i) => `    step(${i});`), '  }'],
  },
  'size.params': {
    typescript: (n) => [`function seededParams(${Array.from({ length: n }, (_, i) => `p${i}: number`).join(', ')}): void {`, '  run();', '}'],
    python: (n) => [`def seeded_params(${Array.from({ length: n }, (_, i) => `p${i}`).join(', ')}):`, '    run()'],
    java: (n) => [`  void seededParams(${Array.from({ length: n }, (_, i) => `int p${i}`).join(', ')}) {`, '    run();', '  }'],
  },
};

const seeds: Seed[] = [];
const counts = new Map<string, number>();
const room = (rule: string): boolean => (counts.get(rule) ?? 0) < SEEDS_PER_KIND && (counts.set(rule, (counts.get(rule) ?? 0) + 1), true);
for (const original of held) {
  const facts = await collectFacts(original.text, original.language);
  // Rename one identifier of each naming kind into the other case.
  for (const kind of ['function', 'method', 'variable', 'parameter']) {
    const fact = facts.facts.find((f) => f.key === `naming.${kind}` && f.symbol && (f.value === 'camelCase' || f.value === 'snake_case'));
    if (!fact?.symbol || !room(`naming.${kind}:${original.language}`)) continue;
    const renamed = recase(fact.symbol, fact.value === 'camelCase' ? 'snake' : 'camel');
    const lines = original.text.split('\n');
    lines[fact.line - 1] = (lines[fact.line - 1] ?? '').replace(new RegExp(`\\b${fact.symbol}\\b`), renamed);
    seeds.push({ rule: `naming.${kind}`, file: { ...original, text: lines.join('\n') }, changed: [{ start: fact.line, end: fact.line }] });
  }
  for (const [rule, byLanguage] of Object.entries(SNIPPETS)) {
    const make = byLanguage[original.language];
    if (!make || !room(`${rule}:${original.language}`)) continue;
    const size = rule === 'size.params' ? limit(original.language, 'size.params') + 1 : limit(original.language, 'size.function-lines') + 5;
    const file = { ...original };
    seeds.push({ rule, file, changed: inject(file, make(size)) });
  }
  // A test moved out of its test folder; a file renamed into another case.
  if (/(^|\/)tests?\//.test(original.path) && /(\.test\.ts|^test_.*\.py)$/.test(original.path.split('/').pop() ?? '') && room(`layout.test-location:${original.language}`)) {
    seeds.push({ rule: 'layout.test-location', file: { ...original, path: original.path.replace(/(^|\/)tests?\//, '$1') } });
  }
  const stem = original.path.split('/').pop() ?? '';
  const renamedStem = /[a-z]-[a-z]/.test(stem) ? stem.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) : /[a-z]_[a-z]/.test(stem) ? recase(stem, 'camel') : /^[A-Z][a-z]+[A-Z]/.test(stem) ? recase(stem, 'snake') : undefined;
  if (renamedStem && room(`naming.file:${original.language}`)) {
    seeds.push({ rule: 'naming.file', file: { ...original, path: original.path.replace(/[^/]+$/, renamedStem) } });
  }
}

const stats = new Map<string, { seeded: number; found: number; findings: number; right: number }>();
for (const seed of seeds) {
  const id = `${rulePrefix(seed.file.language)}.${seed.rule}`;
  const row = stats.get(id) ?? { seeded: 0, found: 0, findings: 0, right: 0 };
  row.seeded++;
  const findings = await checkFile(profile, { ...seed.file, ...(seed.changed ? { changed: seed.changed } : {}) });
  // Whole-file checks (path seeds) are scored on the seeded rule only.
  const judged = seed.changed ? findings : findings.filter((f) => f.ruleId === id);
  if (judged.some((f) => f.ruleId === id)) row.found++;
  for (const f of judged) {
    const other = stats.get(f.ruleId) ?? { seeded: 0, found: 0, findings: 0, right: 0 };
    other.findings++;
    if (f.ruleId === id) other.right++;
    stats.set(f.ruleId, other);
  }
  stats.set(id, stats.get(id) === undefined ? row : Object.assign(stats.get(id) ?? row, { seeded: row.seeded, found: row.found }));
}
const enforced = new Set(profile.conventions.filter((c) => c.enforced).map((c) => c.id));
console.log(`seeded departures: ${seeds.length} in ${held.length} held-out TS/Python/Java files\n`);
console.log('| rule | enforced | seeded | found | recall | findings | precision |\n|---|---|---|---|---|---|---|');
for (const [id, s] of [...stats].sort()) {
  const recall = s.seeded ? `${((s.found / s.seeded) * 100).toFixed(0)}%` : '-';
  const precision = s.findings ? `${((s.right / s.findings) * 100).toFixed(0)}%` : '-';
  console.log(`| ${id} | ${enforced.has(id) ? 'yes' : 'no'} | ${s.seeded} | ${s.found} | ${recall} | ${s.findings} | ${precision} |`);
}
