import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { openProject } from '../config/project.js';
import { checkFile } from '../conventions/check.js';
import { loadProfile } from '../conventions/load-profile.js';
import type { Finding } from '../conventions/types.js';
import { ArchangelError } from '../errors/archangel-error.js';
import { classifyFile } from '../index/classify.js';
import { detectLanguage } from '../index/language.js';
import { palette, terminalCaps } from '../cli/terminal.js';

export async function checkCommand(files: string[], flags: { json?: boolean }): Promise<number> {
  const project = await openProject();
  const profile = loadProfile(project.indexPath);
  const findings: Finding[] = [];
  const skipped: Array<{ path: string; reason: string }> = [];
  for (const file of files) {
    const path = relative(project.root, resolve(file)).split('\\').join('/');
    const language = detectLanguage(path);
    let bytes: Buffer;
    try {
      // Measured before it is read: a file past the limit is skipped, whatever its size.
      if (statSync(file).size > project.config.index.maxFileBytes) {
        skipped.push({ path, reason: 'too-large' });
        continue;
      }
      bytes = readFileSync(file);
    } catch (error) {
      throw new ArchangelError('FILE_UNREADABLE', `Cannot read ${file}.`, { hint: 'Check the path; it is relative to the current folder.', cause: error });
    }
    const verdict = classifyFile(path, bytes, project.config.index.maxFileBytes);
    if (!language || !verdict.index) {
      skipped.push({ path, reason: verdict.index ? 'not-source' : verdict.reason });
      continue;
    }
    findings.push(...(await checkFile(profile, { path, language, text: verdict.text })));
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ findings, skipped }, null, 2)}\n`);
    return 0;
  }
  const p = palette(terminalCaps(process.stdout).color);
  for (const f of findings) {
    const mark = f.severity === 'error' ? p.red('error') : f.severity === 'warn' ? p.yellow('warn ') : p.cyan('info ');
    process.stdout.write(`${mark} ${p.bold(`${f.path}:${f.startLine}`)} ${f.message} ${p.dim(`[${f.ruleId}: ${f.support} cases, ${Math.round(f.confidence * 100)}%]`)}\n`);
    const example = f.examples[0];
    if (example) process.stdout.write(p.dim(`      e.g. ${example.repo} ${example.path}:${example.startLine}-${example.endLine} @${example.commit.slice(0, 7)}\n`));
  }
  for (const s of skipped) process.stdout.write(p.dim(`skipped ${s.path} (${s.reason})\n`));
  process.stdout.write(findings.length === 0 ? 'No findings: this code follows the golden conventions that are enforced.\n' : `${findings.length} finding(s).\n`);
  return 0;
}
