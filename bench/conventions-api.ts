// API-usage conventions on real code that calls other libraries (bench/conventions-corpus.ts,
// loadApiCorpus): learned from 80% of the files, then
//  1. false alarms: the other 20% checked whole; every finding is a false alarm by definition (the
//     team wrote that code). Target, as for every convention: < 5 findings per 1,000 lines overall.
//  2. seeded departures: held-out golden calls that follow an enforced habit, changed to depart from
//     it (an option removed, an `await` removed, the call moved out of its try / check / `with` into
//     a fresh function); recall per rule, and precision of the API findings on the seeded lines.
//  3. the limits: how many habits each looser set of limits would enforce, and their false alarms
//     on the held-out files, to show what MIN_SUPPORT, MIN_CONFIDENCE and MIN_API_FILES buy.
// Prints markdown tables. `SEEDS` caps the seeds per rule (default 30).
import type { Node } from 'web-tree-sitter';
import { decodeSite } from '../src/conventions/api/call-site.js';
import { habitKey, judge, type ApiCall } from '../src/conventions/api/habits.js';
import { countFollowingFiles } from '../src/conventions/api/learn.js';
import { conventionFor } from '../src/conventions/family.js';
import { buildProfile, checkFile, observeFile } from '../src/conventions/index.js';
import { collectFacts } from '../src/conventions/observe.js';
import type { Convention, Profile } from '../src/conventions/types.js';
import { isParsedLanguage } from '../src/index/language.js';
import { parse } from '../src/index/parse/tree-sitter.js';
import { MAX_DEVIATIONS_PER_KLOC, MAX_NEAR_UNIVERSAL_DEVIATIONS_PER_KLOC, MIN_API_FILES, MIN_CONFIDENCE, MIN_SUPPORT } from '../src/conventions/thresholds.js';
import { isHeldOut, loadApiCorpus, type CorpusFile } from './conventions-corpus.js';

const SEEDS_PER_RULE = Number(process.env.SEEDS ?? 30);
const CALL_NODES = ['call', 'call_expression', 'method_invocation'];

const corpus = loadApiCorpus();
const train = corpus.filter((f) => !isHeldOut(f));
const held = corpus.filter(isHeldOut);
const started = performance.now();
const observed = await Promise.all(train.map(async (f) => ({ ...f, observations: await observeFile(f.text, f.language) })));
const profile: Profile = buildProfile(observed);
const learnSeconds = (performance.now() - started) / 1000;
const api = profile.conventions.filter((c) => c.category === 'api');
const enforced = api.filter((c) => c.enforced);

console.log(`corpus: ${corpus.length} files (${train.length} learned from, ${held.length} held out), learned in ${learnSeconds.toFixed(1)} s`);
console.log(`API conventions: ${api.length} stated, ${enforced.length} enforced\n`);
console.log('| language | stated | enforced |\n|---|---|---|');
for (const language of [...new Set(api.map((c) => c.language))].sort()) {
  console.log(`| ${language} | ${api.filter((c) => c.language === language).length} | ${enforced.filter((c) => c.language === language).length} |`);
}

// 1. False alarms on held-out files.
let lines = 0;
let all = 0;
const apiAlarms = new Map<string, number>();
for (const file of held) {
  lines += file.text.split('\n').length;
  for (const finding of await checkFile(profile, file)) {
    all++;
    if (finding.call) apiAlarms.set(finding.ruleId, (apiAlarms.get(finding.ruleId) ?? 0) + 1);
  }
}
const apiTotal = [...apiAlarms.values()].reduce((a, b) => a + b, 0);
console.log(`\n## False alarms on ${held.length} held-out files (${lines} lines)\n`);
console.log('| rule | findings |\n|---|---|');
for (const [rule, n] of [...apiAlarms].sort((a, b) => b[1] - a[1])) console.log(`| ${rule} | ${n} |`);
console.log(`| **API rules** | **${apiTotal}** (${((apiTotal / lines) * 1000).toFixed(2)} per 1,000 lines) |`);
console.log(`| all rules | ${all} (${((all / lines) * 1000).toFixed(2)} per 1,000 lines) |`);

// 2. Seeded departures.
interface Seed {
  rule: string;
  file: CorpusFile;
  changed: Array<{ start: number; end: number }>;
  /** Every rule the seeded call now departs from (an injected call leaves its try, its check and its `with` at once). */
  expected: Set<string>;
}

const byId = new Map(profile.conventions.map((c) => [c.id, c]));

/** The enforced habits a call of `language` is held to, as the checker picks them (its own, or lent by a sibling). */
function habitsFor(language: CorpusFile['language'], callee: string): Convention[] {
  const keys = new Set(enforced.flatMap((c) => (c.call?.callee === callee ? [habitKey(c.call)] : [])));
  return [...keys].map((key) => conventionFor(byId, language, key)).filter((c): c is Convention => c?.enforced === true);
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** The call node on `line` whose function ends with the callee's last name. */
async function callAt(file: CorpusFile, line: number, callee: string): Promise<{ node: Node; tree: { delete(): void } } | undefined> {
  if (!isParsedLanguage(file.language)) return undefined;
  const tree = await parse(file.text, file.language);
  if (!tree) return undefined;
  const last = callee.split('.').pop() ?? callee;
  const node = tree.rootNode.descendantsOfType(CALL_NODES, { row: line - 1, column: 0 }, { row: line - 1, column: 10_000 }).find((n) => n.startPosition.row === line - 1 && new RegExp(`\\b${last}\\s*$`).test((n.childForFieldName('function') ?? n.childForFieldName('name'))?.text ?? ''));
  if (!node) {
    tree.delete();
    return undefined;
  }
  return { node, tree };
}

/** The option removed from the call, with one comma beside it. */
function withoutOption(file: CorpusFile, call: Node, option: string): CorpusFile | undefined {
  const args = call.childForFieldName('arguments');
  const found = args?.descendantsOfType(['keyword_argument', 'pair', 'shorthand_property_identifier']).find((n) => (n.childForFieldName('name') ?? n.childForFieldName('key') ?? n).text === option && n.parent?.id !== undefined && (n.parent.id === args.id || n.parent.parent?.id === args.id));
  if (!found) return undefined;
  let start = found.startIndex;
  let end = found.endIndex;
  const after = /^\s*,/.exec(file.text.slice(end));
  if (after) end += after[0].length;
  else {
    const before = /,\s*$/.exec(file.text.slice(0, start));
    if (before) start -= before[0].length;
  }
  return { ...file, text: file.text.slice(0, start) + file.text.slice(end) };
}

/** The `await` before the call removed. */
function withoutAwait(file: CorpusFile, call: Node): CorpusFile | undefined {
  const wait = call.parent?.type === 'await_expression' || call.parent?.type === 'await' ? call.parent : undefined;
  return wait ? { ...file, text: file.text.slice(0, wait.startIndex) + file.text.slice(call.startIndex) } : undefined;
}

/** The call, bound to a name in a fresh function at the end of the file: outside any try, unchecked, unmanaged. */
function injected(file: CorpusFile, callText: string, awaited: boolean): { file: CorpusFile; changed: Seed['changed'] } | undefined {
  const body: Partial<Record<CorpusFile['language'], string[]>> = {
    python: [`${awaited ? 'async ' : ''}def seeded_api_call():`, `    result = ${awaited ? 'await ' : ''}${callText}`, '    return None'],
    typescript: ['export async function seededApiCall(): Promise<void> {', `  const result = ${awaited ? 'await ' : ''}${callText};`, '  use(result);', '}'],
    javascript: ['async function seededApiCall() {', `  const result = ${awaited ? 'await ' : ''}${callText};`, '  use(result);', '}'],
    go: ['func seededAPICall() {', `\tresult := ${callText}`, '\tuse(result)', '}'],
    java: ['  void seededApiCall() {', `    var result = ${callText};`, '    use(result);', '  }'],
  };
  const snippet = body[file.language];
  if (!snippet) return undefined;
  const lines = file.text.replace(/\n+$/, '').split('\n');
  const at = file.language === 'java' ? lines.map((l) => l.trim()).lastIndexOf('}') : lines.length;
  if (at < 0) return undefined;
  const padded = file.language === 'java' ? snippet : ['', ...snippet];
  lines.splice(at, 0, ...padded);
  return { file: { ...file, text: `${lines.join('\n')}\n` }, changed: [{ start: at + 1, end: at + padded.length }] };
}

const seeds: Seed[] = [];
const count = new Map<string, number>();
const room = (rule: string): boolean => (count.get(rule) ?? 0) < SEEDS_PER_RULE;
for (const file of held) {
  if (enforced.length === 0) break;
  const facts = await collectFacts(file.text, file.language);
  for (const fact of facts.facts) {
    if (!fact.key.startsWith('api.')) continue;
    const callee = fact.key.slice(4);
    const site = decodeSite(callee, fact.value);
    const followed = habitsFor(file.language, callee).filter((c) => c.call && judge(site, c.call) === 'follows' && room(c.id));
    if (followed.length === 0) continue;
    const found = await callAt(file, fact.line, callee);
    if (!found) continue;
    try {
      for (const convention of followed) {
        const call = convention.call as ApiCall;
        const lineRange = [{ start: fact.line, end: lineOf(file.text, found.node.endIndex) }];
        if (call.aspect === 'option') {
          const seeded = withoutOption(file, found.node, call.option ?? '');
          if (seeded) seeds.push({ rule: convention.id, file: seeded, changed: lineRange, expected: new Set([convention.id]) });
        } else if (call.aspect === 'awaited') {
          const seeded = withoutAwait(file, found.node);
          if (seeded) seeds.push({ rule: convention.id, file: seeded, changed: lineRange, expected: new Set([convention.id]) });
        } else {
          const seeded = injected(file, found.node.text, site.awaited);
          if (!seeded) continue;
          // The injected call keeps its options and its await; it leaves every try, check and `with`.
          const expected = new Set(followed.filter((c) => c.call && c.call.aspect !== 'option' && c.call.aspect !== 'awaited').map((c) => c.id));
          seeds.push({ rule: convention.id, file: seeded.file, changed: seeded.changed, expected });
        }
        count.set(convention.id, (count.get(convention.id) ?? 0) + 1);
      }
    } finally {
      found.tree.delete();
    }
  }
}

const stats = new Map<string, { seeded: number; found: number }>();
let findings = 0;
let right = 0;
for (const seed of seeds) {
  const row = stats.get(seed.rule) ?? { seeded: 0, found: 0 };
  row.seeded++;
  const apiFindings = (await checkFile(profile, { ...seed.file, changed: seed.changed })).filter((f) => f.call);
  if (apiFindings.some((f) => f.ruleId === seed.rule)) row.found++;
  findings += apiFindings.length;
  right += apiFindings.filter((f) => seed.expected.has(f.ruleId)).length;
  stats.set(seed.rule, row);
}
console.log(`\n## Seeded departures: ${seeds.length} in held-out files\n`);
console.log('| rule | seeded | found | recall |\n|---|---|---|---|');
let seeded = 0;
let foundAll = 0;
for (const [rule, s] of [...stats].sort()) {
  seeded += s.seeded;
  foundAll += s.found;
  console.log(`| ${rule} | ${s.seeded} | ${s.found} | ${((s.found / s.seeded) * 100).toFixed(0)}% |`);
}
if (seeded > 0) console.log(`| **all** | ${seeded} | ${foundAll} | **${((foundAll / seeded) * 100).toFixed(0)}%** |`);
console.log(`\nAPI findings on the seeded lines: ${findings}, of which ${right} are a departure the seed made (precision ${findings ? ((right / findings) * 100).toFixed(0) : '-'}%).`);
const unseeded = enforced.filter((c) => !stats.has(c.id)).map((c) => c.id);
if (unseeded.length > 0) console.log(`Enforced rules with no held-out call to seed: ${unseeded.join(', ')}`);

// 3. The limits: every stated habit switched on, its false alarms counted, then summed per set of limits.
const files = new Map<string, number>();
for (const file of observed) {
  for (const [key, values] of Object.entries(file.observations.cat)) {
    if (!key.startsWith('api.')) continue;
    const counts = new Map<string, number>();
    countFollowingFiles(key, values, counts);
    for (const id of counts.keys()) files.set(`${file.language}:${id}`, (files.get(`${file.language}:${id}`) ?? 0) + 1);
  }
}
const allOn: Profile = { ...profile, conventions: profile.conventions.map((c) => (c.category === 'api' ? { ...c, enforced: true } : c)) };
const alarmsIfOn = new Map<string, number>();
for (const file of held) for (const f of await checkFile(allOn, file)) if (f.call) alarmsIfOn.set(f.ruleId, (alarmsIfOn.get(f.ruleId) ?? 0) + 1);
const habits = api.map((c) => ({ c, files: files.get(`${c.language}:${c.id.split('.').slice(1).join('.')}`) ?? 0, alarms: alarmsIfOn.get(c.id) ?? 0 }));
console.log(`\n## Limits (now: ${MIN_SUPPORT} calls, ${MIN_CONFIDENCE * 100}%, ${MIN_API_FILES} files, <= ${MAX_DEVIATIONS_PER_KLOC} golden departures per 1,000 lines, ${MAX_NEAR_UNIVERSAL_DEVIATIONS_PER_KLOC} for near-universal habits; the grid leaves that last limit out)\n`);
console.log('| calls | share | files | habits enforced | false alarms | per 1,000 held-out lines |\n|---|---|---|---|---|---|');
for (const support of [10, MIN_SUPPORT]) {
  for (const share of [0.8, 0.85, MIN_CONFIDENCE]) {
    for (const minFiles of [1, MIN_API_FILES]) {
      const on = habits.filter((h) => h.c.support >= support && h.c.confidence >= share && h.files >= minFiles);
      const alarms = on.reduce((n, h) => n + h.alarms, 0);
      console.log(`| >= ${support} | >= ${share * 100}% | >= ${minFiles} | ${on.length} | ${alarms} | ${((alarms / lines) * 1000).toFixed(3)} |`);
    }
  }
}

