// Time to learn a profile from a large corpus (observe every file, then aggregate) and time to
// check one ~300-line file (target < 50 ms). Prints a small markdown table.
import { buildProfile, checkFile, observeFile } from '../src/conventions/index.js';
import { loadCorpus } from './conventions-corpus.js';

const corpus = loadCorpus({ pythonLimit: Number(process.env.PYTHON_LIMIT ?? Infinity) });
const lines = corpus.reduce((sum, f) => sum + f.text.split('\n').length, 0);
let started = performance.now();
const golden = [];
for (const file of corpus) golden.push({ ...file, observations: await observeFile(file.text, file.language) });
const observeMs = performance.now() - started;
started = performance.now();
const profile = buildProfile(golden);
const buildMs = performance.now() - started;
const stored = golden.reduce((sum, f) => sum + JSON.stringify(f.observations).length, 0);
const bytes = corpus.reduce((sum, f) => sum + f.text.length, 0);

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
const rows: string[] = [];
for (const language of ['typescript', 'python', 'java'] as const) {
  const sample = corpus.filter((f) => f.language === language).sort((a, b) => Math.abs(a.text.split('\n').length - 300) - Math.abs(b.text.split('\n').length - 300))[0];
  if (!sample) continue;
  await checkFile(profile, sample); // warm the grammar
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await checkFile(profile, sample);
    times.push(performance.now() - t);
  }
  rows.push(`| check one ${language} file (${sample.text.split('\n').length} lines), median of 20 | ${medianOf(times).toFixed(1)} ms |`);
}
console.log('| what | figure |\n|---|---|');
console.log(`| corpus | ${corpus.length} files, ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB |`);
console.log(`| observe all files (parse + walk) | ${(observeMs / 1000).toFixed(1)} s (${((observeMs / lines) * 1000).toFixed(1)} ms per 1,000 lines) |`);
console.log(`| buildProfile (aggregate) | ${buildMs.toFixed(0)} ms |`);
console.log(`| stored observations | ${(stored / 1e6).toFixed(2)} MB (${((stored / bytes) * 100).toFixed(1)}% of the source) |`);
for (const row of rows) console.log(row);
