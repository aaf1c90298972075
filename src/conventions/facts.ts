/**
 * The full, uncompressed facts about one file, with a line for each. checkFile judges these
 * directly; observeFile compresses them into FileObservations for the index.
 */

/** A categorical fact: an identifier's case, a catch block's shape, an import's style... */
export interface Fact {
  /** Rule key without the language prefix, e.g. `naming.function`. */
  key: string;
  value: string;
  /** The line the fact is judged on (the name's line, the `catch` line). */
  line: number;
  /** The range cited as an example (the whole declaration). */
  start: number;
  end: number;
  symbol?: string;
}

/** A numeric fact: a function's length, parameter count or nesting depth. */
export interface Measure {
  key: string;
  value: number;
  start: number;
  end: number;
  symbol?: string;
}

export interface Facts {
  lines: number;
  commentLines: number;
  lexical: boolean;
  barrel: boolean;
  facts: Fact[];
  measures: Measure[];
}

/** Collects facts while a file is walked. */
export class FactSink {
  readonly facts: Fact[] = [];
  readonly measures: Measure[] = [];
  readonly commentRows = new Set<number>();

  /** Records a categorical fact; `start`/`end` default to the judged line. */
  fact(key: string, value: string, line: number, range?: { start: number; end: number }, symbol?: string): void {
    this.facts.push({ key, value, line, start: range?.start ?? line, end: range?.end ?? line, ...(symbol ? { symbol } : {}) });
  }

  measure(key: string, value: number, start: number, end: number, symbol?: string): void {
    this.measures.push({ key, value, start, end, ...(symbol ? { symbol } : {}) });
  }
}

/** Names of the size metrics; one place so observe, profile and check agree. */
export const SIZE_KEYS = {
  functionLines: 'size.function-lines',
  params: 'size.params',
  nesting: 'size.nesting',
  fileLines: 'size.file-lines',
} as const;
