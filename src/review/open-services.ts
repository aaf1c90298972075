import { join } from 'node:path';
import type { Project } from '../config/project.js';
import { readProfile } from '../conventions/learn.js';
import type { Profile } from '../conventions/types.js';
import { isArchangelError, type ArchangelError } from '../errors/archangel-error.js';
import { openGoldenIndex, type GoldenIndex } from '../index/golden-index.js';
import { closePitfalls } from '../pitfalls/find-pitfalls.js';
import type { PairContext } from '../tutor/pair.js';
import { currentLearner } from '../session/learner.js';
import { openSessionStore, type SessionStore } from '../session/store.js';
import type { ClaudeTutor } from '../tutor/claude/tutor.js';
import { selectTutor } from '../tutor/select-tutor.js';
import type { Tutor } from '../tutor/tutor.js';

/** What a review needs, opened once: `review` uses it for one run, `watch` for a whole session. */
export interface ReviewServices<Store extends SessionStore | undefined = SessionStore> {
  tutor: Tutor;
  claude?: ClaudeTutor | undefined;
  index?: GoldenIndex | undefined;
  profile?: Profile | undefined;
  session: Store;
  /** Why the learner record could not be opened, when it was optional: the review runs without it. */
  recordFault?: ArchangelError | undefined;
  learner: string;
  /** Plain lines about what is missing or degraded (no index, no key...), for the user. */
  warnings: string[];
  close(): void;
}

export interface ServiceOptions {
  offline?: boolean;
  env?: NodeJS.ProcessEnv;
  pair?: PairContext;
  reviewTimeoutMs?: number;
  /**
   * A record that cannot be opened (damaged, locked, read-only, a full disk) is reported in
   * `recordFault` instead of thrown: one review's notes are worth showing without it.
   */
  recordOptional?: boolean;
}

export async function openReviewServices(project: Project, options?: ServiceOptions & { recordOptional?: false }): Promise<ReviewServices>;
export async function openReviewServices(project: Project, options: ServiceOptions & { recordOptional: true }): Promise<ReviewServices<SessionStore | undefined>>;
export async function openReviewServices(project: Project, options: ServiceOptions = {}): Promise<ReviewServices<SessionStore | undefined>> {
  const env = options.env ?? process.env;
  const warnings: string[] = [];
  let index: GoldenIndex | undefined;
  try {
    index = openGoldenIndex(project.indexPath, project.config, env);
  } catch (error) {
    if (!isArchangelError(error) || !['INDEX_MISSING', 'INDEX_MISMATCH'].includes(error.code)) throw error;
    warnings.push(`${error.message} Notes will have no golden evidence until ${error.hint ? error.hint.replace(/\.$/, '').replace(/^Run/, 'you run') : 'the index is built'}.`);
  }
  const profile = index ? readProfile(index.db) : undefined;
  const selected = await selectTutor(project.config, { projectRoot: project.root, env, offline: options.offline ?? false, ...(options.pair ? { pair: options.pair } : {}), ...(options.reviewTimeoutMs ? { reviewTimeoutMs: options.reviewTimeoutMs } : {}) });
  if (selected.offlineReason && !options.offline) warnings.push(`Using the offline mentor: ${selected.offlineReason}`);
  const learner = currentLearner(project.root);
  let session: SessionStore | undefined;
  let recordFault: ArchangelError | undefined;
  try {
    session = openSessionStore(join(project.stateDir, 'state.db'), { learner });
  } catch (error) {
    if (!options.recordOptional || !isArchangelError(error)) throw error;
    recordFault = error;
  }
  return {
    tutor: selected.tutor,
    claude: selected.claude,
    index,
    profile,
    session,
    recordFault,
    learner,
    warnings,
    close() {
      session?.close();
      index?.close();
      // The linters' long-lived helpers (oxlint's server) end with the services that started them.
      void closePitfalls();
    },
  };
}
