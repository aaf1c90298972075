import type { Project } from '../config/project.js';
import type { HintLevel, Note, TutorEvent } from '../tutor/types.js';
import { appendAudit, auditEntryFor } from './audit.js';
import type { ReviewContext } from './context/types.js';
import type { ReviewServices } from './open-services.js';
import { forModel } from './run-review.js';

/**
 * The learner climbed to rung `level` of `note`: the tutor's stream for that rung (see `Tutor.hint`).
 * What a model is sent follows the privacy settings, and a call that left the machine is audited.
 */
export async function* climbRung(project: Project, services: ReviewServices, context: ReviewContext, note: Note, level: HintLevel, signal?: AbortSignal): AsyncGenerator<TutorEvent> {
  const { tutor } = services;
  const sent = tutor.mode === 'model' ? forModel(context, project.config.privacy.sendGoldenSnippets) : context;
  let failure: string | undefined;
  for await (const event of tutor.hint(note, level, sent, signal)) {
    if (event.type === 'error') failure = event.message;
    if (event.type === 'done' && tutor.mode === 'model' && (event.usage || failure)) appendAudit(project.stateDir, auditEntryFor('hint', tutor.label, sent, event.usage, failure));
    yield event;
  }
}
