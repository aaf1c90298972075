import { openProject } from '../config/project.js';
import { formatProfileTable } from '../conventions/format.js';
import { loadProfile } from '../conventions/load-profile.js';
import { ArchangelError } from '../errors/archangel-error.js';
import type { Language } from '../index/language.js';

export async function conventionsCommand(flags: { lang?: string; json?: boolean }): Promise<number> {
  const project = await openProject();
  const profile = loadProfile(project.indexPath);
  const language = flags.lang as Language | undefined;
  if (language && !profile.conventions.some((c) => c.language === language)) {
    const known = [...new Set(profile.conventions.map((c) => c.language))].sort().join(', ');
    throw new ArchangelError('USAGE', `No conventions were learned for "${flags.lang}".`, { hint: `Languages in the golden code: ${known || 'none yet'}.` });
  }
  if (flags.json) {
    const conventions = profile.conventions.filter((c) => !language || c.language === language);
    process.stdout.write(`${JSON.stringify(conventions, null, 2)}\n`);
  } else {
    // On a terminal each line fits its width; piped, statements are printed whole.
    const columns = process.stdout.isTTY ? process.stdout.columns : undefined;
    process.stdout.write(`${formatProfileTable(profile, { ...(language ? { language } : {}), ...(columns ? { columns } : {}) })}\n`);
  }
  return 0;
}
