import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Project } from '../config/project.js';
import { currentLearner } from '../session/learner.js';
import { openSessionStore, type SessionStore } from '../session/store.js';

/**
 * The learner's record for reading: undefined when this repository has none yet (nothing was ever
 * reviewed here), rather than creating an empty file just to report that it is empty. A damaged
 * file still surfaces as STATE_CORRUPT.
 */
export function openLearnerRecord(project: Project): { learner: string; session: SessionStore | undefined } {
  const learner = currentLearner(project.root);
  const path = join(project.stateDir, 'state.db');
  return { learner, session: existsSync(path) ? openSessionStore(path, { learner }) : undefined };
}
