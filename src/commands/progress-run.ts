import { palette, terminalCaps } from '../cli/terminal.js';
import { openProject } from '../config/project.js';
import { formatProgress } from '../progress/format.js';
import { learnerProgress } from '../progress/model.js';
import { openLearnerRecord } from '../progress/record.js';
import { changedFiles, progressReport } from '../progress/report.js';
import { parseDuration } from '../progress/since.js';
import type { ProgressReport } from '../progress/types.js';
import { currentBranch } from '../review/branch.js';
import { targetOfFlags } from '../review/diff/target.js';
import type { ProgressFlags } from './progress.js';

export async function progressCommand(flags: ProgressFlags): Promise<number> {
  const now = Date.now();
  const since = flags.since === undefined ? null : now - parseDuration(flags.since);
  const target = targetOfFlags(flags);
  const project = await openProject();
  const [branch, changed] = await Promise.all([currentBranch(project.root), changedFiles(project.root, target)]);
  const { learner, session } = openLearnerRecord(project);
  let report: ProgressReport;
  try {
    report = session
      ? progressReport(session, { repo: project.root, branch, since, now, changed, target })
      : { progress: learnerProgress({ learner, notes: [], quiz: [], since, now }), ready: { branch, changedFiles: changed.length, target, notes: [] } };
  } finally {
    session?.close();
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ history: session !== undefined, ...report }, null, 2)}\n`);
  } else if (!session) {
    process.stdout.write(`No history yet for ${learner} in this repository: run \`archangel watch\` or \`archangel review\`, and progress shows here.\n`);
  } else {
    process.stdout.write(`${formatProgress(report, palette(terminalCaps(process.stdout).color)).join('\n')}\n`);
  }
  return 0;
}
