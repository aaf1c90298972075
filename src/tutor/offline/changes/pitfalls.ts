import type { ChangeBuilder } from '../types.js';
import { prose } from './lines.js';

/** The last rung for a linter's pitfall: the engine's own advice when it has some, else its rule page. */
export const followRule: ChangeBuilder = (draft) => {
  const rule = draft.findings[0]?.rule;
  const advice = rule?.fix ? `${rule.fix.replace(/\.?$/, '.')}` : `Change line ${draft.startLine} as the rule's page shows.`;
  return prose(`${advice}${rule?.docsUrl ? ` The rule, with examples: ${rule.docsUrl}` : ''}`);
};

/** Git's conflict markers: keep one version, delete the markers and the other, and tell git. */
export const resolveConflict: ChangeBuilder = (draft) =>
  prose(`Delete the marker lines of ${draft.hunk.path}:${draft.startLine}-${draft.endLine} and the version you do not keep, save, then \`git add ${draft.hunk.path}\` so git knows the conflict is resolved.`);
