import { rulePrefix } from '../../conventions/specs/index.js';
import type { Finding } from '../../conventions/types.js';
import type { Language } from '../../index/language.js';
import { conflictMarkerLines } from '../diff/conflicts.js';

/**
 * Git's conflict markers left on changed lines (review/diff/conflicts.ts), as one finding per file:
 * a correctness fault that is an `error`, unlike other faults, because the file no longer parses
 * and nothing downstream of it can run; the pre-commit hook stops it. It claims no team habit: git
 * wrote these lines.
 */
export function conflictFindings(file: { path: string; language: Language | undefined }, text: string, changed: ReadonlyArray<{ start: number; end: number }>): Finding[] {
  const added = text
    .split('\n')
    .map((line, index) => ({ line: index + 1, text: line }))
    .filter(({ line }) => changed.some((range) => range.start <= line && line <= range.end));
  const markers = conflictMarkerLines(added);
  const [first, last] = [markers[0], markers.at(-1)];
  if (first === undefined || last === undefined) return [];
  return [
    {
      ruleId: `${file.language ? rulePrefix(file.language) : 'file'}.merge.conflict`,
      concern: 'correctness',
      severity: 'error',
      path: file.path,
      startLine: first,
      endLine: last,
      observed: `${markers.length} marker line${markers.length === 1 ? '' : 's'}`,
      expected: 'A file holds one version of its code: a merge conflict is resolved before the file is saved',
      message: `Lines ${first}-${last} hold git's conflict markers: the file no longer parses.`,
      support: 0,
      confidence: 0,
      examples: [],
      rule: { source: 'git', title: 'unresolved merge conflict', docsUrl: 'https://git-scm.com/docs/git-merge#_how_to_resolve_conflicts' },
    },
  ];
}
