import { ArchangelError } from '../errors/archangel-error.js';

const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `30d`, `12h`, `2w` as milliseconds; anything else is a usage error saying what is expected. */
export function parseDuration(text: string, option = '--since'): number {
  const match = /^\s*(\d+)\s*([hdw])\s*$/i.exec(text);
  const amount = match ? Number(match[1]) : NaN;
  if (!match || !Number.isSafeInteger(amount) || amount <= 0) {
    throw new ArchangelError('USAGE', `${option} "${text}" is not a duration: give a number and a unit, like 30d, 12h or 2w.`, {
      hint: `Units are h (hours), d (days) and w (weeks); leave ${option} out for all history.`,
    });
  }
  return amount * UNIT_MS[match[2]!.toLowerCase()]!;
}
