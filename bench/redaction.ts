// Secret redaction: recall on the seeded corpus, false redactions of look-alikes, and time per 300-line diff.
// Run: npx tsx bench/redaction.ts [seed ...]
import { redactSecrets } from '../src/redact/index.js';
import { buildCorpus } from '../test/fixtures/secrets/corpus.js';

const seeds = process.argv.slice(2).map(Number).filter(Number.isFinite);
const DIFF_LINES = 300;
const TIMED_CALLS = 200;

const recall = new Map<string, { found: number; total: number }>();
const falseRedactions = new Map<string, { changed: number; total: number }>();
for (const seed of seeds.length ? seeds : [20_240_601, 1, 2, 3, 4]) {
  const { secrets, lookAlikes } = buildCorpus(seed);
  for (const sample of secrets) {
    const { text } = await redactSecrets(sample.text, sample.path === undefined ? {} : { path: sample.path });
    const entry = recall.get(sample.format) ?? { found: 0, total: 0 };
    for (const secret of sample.secrets) {
      entry.total++;
      if (!text.includes(secret)) entry.found++;
    }
    recall.set(sample.format, entry);
  }
  for (const sample of lookAlikes) {
    const { text } = await redactSecrets(sample.text, sample.path === undefined ? {} : { path: sample.path });
    const entry = falseRedactions.get(sample.format) ?? { changed: 0, total: 0 };
    entry.total++;
    if (text !== sample.text) entry.changed++;
    falseRedactions.set(sample.format, entry);
  }
}

const sum = <T>(values: Iterable<T>, f: (v: T) => number) => [...values].reduce((s, v) => s + f(v), 0);
console.log('recall by format (seeded secrets redacted / total)');
for (const [format, { found, total }] of recall) console.log(`  ${found === total ? ' ' : '!'} ${format.padEnd(28)} ${found}/${total}`);
console.log(`  recall: ${sum(recall.values(), (e) => e.found)}/${sum(recall.values(), (e) => e.total)}`);
console.log('false redactions by format (look-alikes changed / total)');
for (const [format, { changed, total }] of falseRedactions) console.log(`  ${changed === 0 ? ' ' : '!'} ${format.padEnd(28)} ${changed}/${total}`);
console.log(`  false redactions: ${sum(falseRedactions.values(), (e) => e.changed)}/${sum(falseRedactions.values(), (e) => e.total)}`);

// A 300-line diff of ordinary TypeScript with two secrets in it.
const { secrets } = buildCorpus();
const code = Array.from({ length: DIFF_LINES - 3 }, (_, i) =>
  i % 7 === 0 ? ` export function handler${i}(request: Request): Promise<Response> {` : i % 7 === 6 ? ' }' : `+  const value${i} = await fetchJson(\`/api/items/\${id}\`, { retries: ${i % 5} }); // step ${i}`,
);
code.splice(100, 0, '+' + (secrets[0]?.text ?? ''));
code.splice(200, 0, '+' + (secrets[26]?.text ?? ''));
const diff = ['@@ -1,150 +1,300 @@', ...code].join('\n');

const coldStart = performance.now();
await redactSecrets(diff, { path: 'src/handlers.ts' });
const cold = performance.now() - coldStart;
const times: number[] = [];
for (let i = 0; i < TIMED_CALLS; i++) {
  const start = performance.now();
  await redactSecrets(diff, { path: 'src/handlers.ts' });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const at = (q: number) => (times[Math.floor(q * (times.length - 1))] ?? 0).toFixed(2);
console.log(`time per ${DIFF_LINES}-line diff: first call ${cold.toFixed(1)} ms, then median ${at(0.5)} ms, p95 ${at(0.95)} ms (${TIMED_CALLS} calls)`);
