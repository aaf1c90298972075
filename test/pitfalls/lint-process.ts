// A process of its own for the server lifetime test: `node --import tsx lint-process.ts close|leave`.
// It lints one file with oxlint's language server, then closes the engine (or leaves it running),
// and must still reach its last line and exit by itself.
import { createOxlintEngine } from '../../src/pitfalls/engines/oxlint.js';

const engine = createOxlintEngine();
const pitfalls = await engine.check({ path: 'src/a.ts', language: 'typescript', text: 'export const missing = (x: number) => x === NaN;\n' });
if (process.argv[2] === 'close') await engine.close?.();
await new Promise((resolve) => setTimeout(resolve, 10));
process.stdout.write(`done ${pitfalls.map((p) => p.ruleId).join(',')}\n`);
