import { appendFileSync } from 'node:fs';

/**
 * The one logger. Debug lines go to the file named by ARCHANGEL_DEBUG_LOG and nowhere else, so they
 * can never corrupt a TUI frame or a `--json` document on stdout.
 */
const target = process.env.ARCHANGEL_DEBUG_LOG;

export function debug(scope: string, message: string, data?: unknown): void {
  if (!target) return;
  const line = `${new Date().toISOString()} [${scope}] ${message}${data === undefined ? '' : ' ' + safeJson(data)}\n`;
  try {
    appendFileSync(target, line);
  } catch {
    // A debug log that cannot be written must never break the tool itself.
  }
}

function safeJson(data: unknown): string {
  try {
    return JSON.stringify(data);
  } catch {
    return String(data);
  }
}
