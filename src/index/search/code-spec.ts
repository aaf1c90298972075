import { readFileSync } from 'node:fs';
import { ArchangelError } from '../../errors/archangel-error.js';
import { detectLanguage, type Language } from '../language.js';

/** `path`, `path:12` or `path:12-40` — a file, or lines of it, to use as a code query. */
export interface CodeSpec {
  path: string;
  code: string;
  language: Language | undefined;
  startLine: number;
  endLine: number;
}

export function readCodeSpec(spec: string): CodeSpec {
  const match = /^(.*?):(\d+)(?:-(\d+))?$/.exec(spec);
  const path = match ? match[1]! : spec;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ArchangelError('FILE_UNREADABLE', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}.`, {
      hint: 'Check the path; it is relative to the current folder.',
      cause: error,
    });
  }
  const lines = text.split('\n');
  const startLine = match ? Number(match[2]) : 1;
  const endLine = match ? Number(match[3] ?? match[2]) : lines.length;
  if (startLine < 1 || endLine < startLine || startLine > lines.length) {
    throw new ArchangelError('USAGE', `${spec} does not name lines of ${path} (it has ${lines.length} lines).`, { hint: 'Use path:start-end with 1-based line numbers.' });
  }
  return { path, code: lines.slice(startLine - 1, endLine).join('\n'), language: detectLanguage(path), startLine, endLine };
}
