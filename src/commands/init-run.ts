import { createInterface } from 'node:readline/promises';
import { writeStarterConfig } from '../config/init.js';

export async function initCommand(flags: { golden?: string[]; force?: boolean }): Promise<number> {
  let golden = flags.golden;
  if (!golden && process.stdin.isTTY && process.stdout.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question('Golden repositories (owner/repo, git URL or path; space-separated; empty = this repo): ');
    rl.close();
    golden = answer.split(/\s+/).filter(Boolean);
  }
  const result = writeStarterConfig(process.cwd(), { golden: golden ?? [], force: flags.force ?? false });
  process.stdout.write(`Wrote ${result.configFile}${result.gitignoreUpdated ? ' and added .archangel/ to .gitignore' : ''}.\n`);
  for (const path of result.missingPaths) process.stderr.write(`note: golden path ${path} does not exist yet: \`archangel index\` stops on it until it does.\n`);
  process.stdout.write('Next: `archangel watch` beside your editor (it indexes the golden repositories first), or `archangel index` to index now.\n');
  return 0;
}
