// `archangel lsp` on a 20,000-file repository, offline: save to diagnostic (goal p50 <= 250 ms) and
// the server's RSS (goal <= 120 MB). Drives the built binary over stdio with the protocol library's
// client, as an editor would: the file is written, then didChange and didSave; the clock stops at
// the next publishDiagnostics for the file (the end of that save's review). The table says how many
// of them carried the save's note: a small tree may teach the mentor too little to note anything.
// Run: npm run build && npx tsx bench/lsp.ts
// Quick iterations: BENCH_FILES=2000 BENCH_ROUNDS=5 npx tsx bench/lsp.ts, or BENCH_REPO=<dir> for a
// repository indexed before (its own golden repo, as below; it is left in place).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type Diagnostic } from 'vscode-languageserver/node';
import { QUIET_MS } from '../src/watch/memory-trim.js';
import { percentile, selfGoldenRepo } from './lib/corpus.js';

const BIN = new URL('../bin/archangel.js', import.meta.url).pathname;
const FILES = Number(process.env.BENCH_FILES ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
/** Between two saves: a person does not save twice in a blink, and each save should be its own review. */
const GAP_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A repository that is its own golden repo, indexed first (as `watch` would on its first run).
const corpus = selfGoldenRepo(BIN, FILES);

const env: NodeJS.ProcessEnv = { ...process.env };
delete env.ANTHROPIC_API_KEY;
const started = performance.now();
const server = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: corpus.dir, env, stdio: ['pipe', 'pipe', 'inherit'] });
const rssOf = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const rssMb = (): number => rssOf(server.pid!);
/** The processes the server started (oxlint's language server), and theirs: their RSS is not in the server's. */
const childrenMb = (pid: number = server.pid!): number =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .split(' ')
    .filter((child) => child.trim() !== '')
    .reduce((sum, child) => sum + rssOf(Number(child)) + childrenMb(Number(child)), 0);
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const waiting = new Map<string, (at: number, diagnostics: Diagnostic[]) => void>();
connection.onNotification('textDocument/publishDiagnostics', ({ uri, diagnostics }: { uri: string; diagnostics: Diagnostic[] }) => {
  waiting.get(uri)?.(performance.now(), diagnostics);
  waiting.delete(uri);
});
connection.onNotification('window/showMessage', ({ message }: { message: string }) => void process.stderr.write(`server: ${message}\n`));
connection.onRequest('window/workDoneProgress/create', () => null);
connection.listen();
await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(corpus.dir).href, capabilities: { window: { workDoneProgress: true } } });
await connection.sendNotification('initialized', {});

const target = join(corpus.dir, 'pkgs', 'bench-edit.ts');
const uri = pathToFileURL(target).href;
/** A snake_case function with an empty catch: departures the offline mentor notes where the golden code is consistent. */
const change = (round: number) => `\nexport function bench_round_${round}(value) {\n  try { return JSON.parse(value); } catch (error) {}\n}\n`;
let notedSaves = 0;
/** When the file's diagnostics are next published; counts the saves whose note they carry. */
const published = (round: number): Promise<number> =>
  new Promise((resolve) =>
    waiting.set(uri, (at, diagnostics) => {
      if (diagnostics.some((diagnostic) => String(diagnostic.message).includes(`bench_round_${round}`))) notedSaves++;
      resolve(at);
    }),
  );

// The first review: the server opens the index, SQLite and the tutors, then reviews the opened file.
writeFileSync(target, change(0));
const first = published(0);
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 0, text: change(0) } });
const firstNoteMs = (await first) - started;
await sleep(1_500);
let rssAfterFirst = rssMb();
let childrenRss = childrenMb();

const latencies: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  await sleep(GAP_MS);
  writeFileSync(target, change(round));
  const saved = performance.now();
  const heard = published(round);
  await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: round }, contentChanges: [{ text: change(round) }] });
  await connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  latencies.push((await heard) - saved);
  rssAfterFirst = Math.max(rssAfterFirst, rssMb());
  childrenRss = Math.max(childrenRss, childrenMb());
}
// Quiet, as between a learner's saves: the server hands back what the bursts grew (memory-trim.ts).
await sleep(QUIET_MS + 2_000);
const quietRss = rssMb();
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');

const report = [
  `# archangel lsp (${corpus.files} files, offline, ${ROUNDS} saves)\n`,
  '| measure | p50 | p95 | goal |',
  '| --- | --- | --- | --- |',
  `| save (didSave) to its diagnostics published (${notedSaves} of ${ROUNDS + 1} carried the save's note) | ${percentile(latencies, 50).toFixed(0)} ms | ${percentile(latencies, 95).toFixed(0)} ms | p50 <= 250 ms |`,
  `| process start to the opened file's first diagnostics | ${firstNoteMs.toFixed(0)} ms | | |`,
  `| RSS during the saves (max) | ${rssAfterFirst.toFixed(0)} MB | | <= 120 MB |`,
  `| RSS once quiet for ${(QUIET_MS / 1000 + 2).toFixed(0)} s | ${quietRss.toFixed(0)} MB | | <= 120 MB |`,
  `| RSS of the processes it started (oxlint --lsp), max | ${childrenRss.toFixed(0)} MB | | |`,
];
if (!corpus.reused) execFileSync('rm', ['-rf', corpus.dir]);
// Written before leaving: process.exit would cut a piped stdout short.
await new Promise((resolve) => process.stdout.write(`${report.join('\n')}\n`, resolve));
process.exit(0);
