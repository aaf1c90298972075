// Held-out golden files checked whole against a profile learned without them: every finding is a
// false alarm by definition (the team wrote this code). Target: < 5 findings per 1,000 lines.
import { buildProfile, checkFile, formatProfileTable, observeFile } from '../src/conventions/index.js';
import { isHeldOut, loadCorpus } from './conventions-corpus.js';

const corpus = loadCorpus({ pythonLimit: Number(process.env.PYTHON_LIMIT ?? 800) });
const train = corpus.filter((f) => !isHeldOut(f));
const held = corpus.filter(isHeldOut);
const golden = [];
for (const file of train) golden.push({ ...file, observations: await observeFile(file.text, file.language) });
const profile = buildProfile(golden);
if (process.env.SHOW_PROFILE) console.log(formatProfileTable(profile));

const perRule = new Map<string, number>();
const linesByLanguage = new Map<string, number>();
let lines = 0;
let total = 0;
const samples: string[] = [];
for (const file of held) {
  const count = file.text.split('\n').length;
  lines += count;
  linesByLanguage.set(file.language, (linesByLanguage.get(file.language) ?? 0) + count);
  for (const finding of await checkFile(profile, file)) {
    total++;
    perRule.set(finding.ruleId, (perRule.get(finding.ruleId) ?? 0) + 1);
    if (samples.length < Number(process.env.SAMPLES ?? 0)) samples.push(`${file.repo}/${file.path}:${finding.startLine} ${finding.ruleId} ${finding.observed} ${finding.symbol ?? ''}`);
  }
}
console.log(`held-out files: ${held.length}, lines: ${lines}, trained on ${train.length} files`);
console.log(`enforced conventions: ${profile.conventions.filter((c) => c.enforced).length} of ${profile.conventions.length}`);
console.log(`\n| rule | findings | per 1,000 lines of its language |\n|---|---|---|`);
for (const [rule, n] of [...perRule].sort((a, b) => b[1] - a[1])) {
  const language = profile.conventions.find((c) => c.id === rule)?.language ?? '';
  console.log(`| ${rule} | ${n} | ${((n / (linesByLanguage.get(language) ?? lines)) * 1000).toFixed(2)} |`);
}
console.log(`| **all** | ${total} | **${((total / lines) * 1000).toFixed(2)}** |`);
for (const s of samples) console.log(s);
