import { ArchangelError } from '../errors/archangel-error.js';

/**
 * Generated text lives between markers, so a team can write around it:
 *
 *     <!-- archangel:begin NAME -->  ...generated...  <!-- archangel:end NAME -->
 *
 * A region written by a model records the hash of the evidence it was written from
 * (`<!-- archangel:begin NAME model=<hash> -->`), so a later run with the same evidence keeps it
 * instead of asking again, and `--check` can tell it is current without a model.
 */
export interface Region {
  name: string;
  content: string;
  /** Hash of the evidence a model wrote this region from; absent for deterministic text. */
  modelHash?: string;
}

const BEGIN = /<!-- archangel:begin ([\w.-]+)(?: model=([0-9a-f]+))? -->\n?/g;
const NAME = /^[\w.-]+$/;

function beginLine(region: Region): string {
  return `<!-- archangel:begin ${region.name}${region.modelHash ? ` model=${region.modelHash}` : ''} -->`;
}

function block(region: Region): string {
  if (!NAME.test(region.name)) throw new ArchangelError('INTERNAL', `"${region.name}" cannot name a generated region.`);
  return `${beginLine(region)}\n${region.content.replace(/\n+$/, '')}\n<!-- archangel:end ${region.name} -->`;
}

/** A new file: the regions one after the other. */
export function renderRegions(regions: Region[]): string {
  return `${regions.map(block).join('\n\n')}\n`;
}

/** A region as found in an existing file, with where it sits. */
export interface FoundRegion extends Region {
  start: number;
  end: number;
}

/** The regions of an existing file in order; a begin without its end (or nested markers) is an error. */
export function parseRegions(text: string, file: string): FoundRegion[] {
  const found: FoundRegion[] = [];
  let from = 0;
  for (;;) {
    BEGIN.lastIndex = from;
    const begin = BEGIN.exec(text);
    if (!begin) break;
    const name = begin[1] ?? '';
    const endMarker = `<!-- archangel:end ${name} -->`;
    const close = text.indexOf(endMarker, begin.index + begin[0].length);
    const nested = text.indexOf('<!-- archangel:begin ', begin.index + begin[0].length);
    if (close === -1 || (nested !== -1 && nested < close)) {
      throw new ArchangelError('USAGE', `${file} has a "${name}" region that opens but never closes.`, {
        hint: `Restore the line ${endMarker} after the region, or delete the file to write it afresh.`,
      });
    }
    const content = text.slice(begin.index + begin[0].length, close).replace(/\n$/, '');
    found.push({ name, content, ...(begin[2] ? { modelHash: begin[2] } : {}), start: begin.index, end: close + endMarker.length });
    from = close + endMarker.length;
  }
  return found;
}

/**
 * The file with each generated region replaced by its new content; text outside the regions is
 * kept byte for byte. A new region goes right after the region generated before it (or before the
 * first one when none is); regions no longer generated are removed. A file with no markers at all
 * was not written by us: refused unless `force`.
 */
export function mergeRegions(existing: string, regions: Region[], file: string, force = false): string {
  const found = parseRegions(existing, file);
  if (found.length === 0) {
    if (force) return renderRegions(regions);
    throw new ArchangelError('USAGE', `${file} exists and has no archangel markers, so writing it would erase text someone wrote.`, {
      hint: 'Move the file aside, write to another folder with --out, or pass --force to overwrite it.',
    });
  }
  const wanted = new Map(regions.map((r) => [r.name, r]));
  const present = new Set(found.filter((r) => wanted.has(r.name)).map((r) => r.name));
  // Each new region, keyed by the present region it follows ('' when it comes before all of them).
  const after = new Map<string, Region[]>();
  let previous = '';
  for (const region of regions) {
    if (present.has(region.name)) previous = region.name;
    else after.set(previous, [...(after.get(previous) ?? []), region]);
  }
  const inserted = (name: string): string => (after.get(name) ?? []).map((r) => `\n\n${block(r)}`).join('');
  let out = '';
  let at = 0;
  for (const [index, region] of found.entries()) {
    const next = wanted.get(region.name);
    out += existing.slice(at, region.start);
    if (index === 0 && after.has('')) out += `${(after.get('') ?? []).map(block).join('\n\n')}\n\n`;
    at = region.end;
    if (next) out += block(next) + inserted(next.name);
    // A region we no longer generate goes, with the blank line that separated it.
    else if (existing.slice(at, at + 2) === '\n\n') at += 2;
  }
  return out + existing.slice(at);
}
