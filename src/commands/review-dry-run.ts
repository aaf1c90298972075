import type { Project } from '../config/project.js';
import type { ReviewServices } from '../review/open-services.js';
import type { SessionStore } from '../session/store.js';
import { forModelReview, prepareReview } from '../review/run-review.js';
import type { DiffTarget } from '../review/types.js';
import { redactRequest } from '../tutor/claude/redact-request.js';
import { reviewRequest } from '../tutor/claude/tutor.js';

/** Prints the exact request a review would send (after redaction and privacy settings); sends nothing. */
export async function printDryRun(project: Project, services: ReviewServices<SessionStore | undefined>, target: DiffTarget): Promise<void> {
  const prepared = await prepareReview({ project, repoDir: project.root, target, index: services.index, profile: services.profile });
  const context = forModelReview(project, prepared.context, services.session);
  const built = await reviewRequest(context, { model: project.config.model, projectRoot: project.root });
  const request = project.config.privacy.redactSecrets ? await redactRequest(built) : built;
  const out = process.stdout;
  out.write(`Dry run: this is what a review would send to ${request.model} (${project.config.model.provider}). Nothing was sent.\n`);
  if (services.tutor.mode === 'offline') out.write('No model is configured, so a real run uses the offline mentor and sends nothing at all.\n');
  out.write(`\n── system ──\n${request.system}\n`);
  for (const message of request.messages) out.write(`\n── ${message.role} ──\n${message.content}\n`);
}
