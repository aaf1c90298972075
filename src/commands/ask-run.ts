import { openProject } from '../config/project.js';
import { answerQuestion } from '../review/ask.js';
import { openReviewServices } from '../review/open-services.js';
import { prepareReview } from '../review/run-review.js';
import { palette, terminalCaps } from '../cli/terminal.js';

export async function askCommand(question: string, flags: { offline?: boolean }): Promise<number> {
  const project = await openProject();
  // A question about the diff needs no learner record: a locked or damaged one does not stop it.
  const services = await openReviewServices(project, { offline: flags.offline ?? false, recordOptional: true });
  const err = palette(terminalCaps(process.stderr).color);
  try {
    for (const warning of services.warnings) process.stderr.write(`${err.yellow('note:')} ${warning}\n`);
    const { context } = await prepareReview({ project, repoDir: project.root, target: { kind: 'worktree' }, index: services.index, profile: services.profile });
    for await (const event of answerQuestion(project, services, context, { text: question })) {
      if (event.type === 'text') process.stdout.write(event.text);
      if (event.type === 'error' || event.type === 'waiting') process.stderr.write(`\n${err.yellow('note:')} ${event.message}\n`);
    }
    process.stdout.write('\n');
    return 0;
  } finally {
    services.close();
  }
}
