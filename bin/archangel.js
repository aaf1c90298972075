#!/usr/bin/env node
// The `archangel` executable: runs the compiled CLI from dist/ (built by `npm ci` via `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('error: ArchAngel is not built yet.\nhint: run `npm ci` (or `npm run build`) in the ArchAngel folder first.\n');
  process.exit(1);
}
// `archangel search ... | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
const { main } = await import(entry.href);
await main(process.argv);
