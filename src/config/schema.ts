import { z } from 'zod';

/**
 * The schema of `archangel.json`. Every object is strict so a typo ("golde") is reported instead of
 * silently ignored. Secrets never live here: they come from the environment (see `env.ts`).
 */

const globList = z.array(z.string().min(1)).describe('Glob patterns, relative to the repository root.');

const goldenCommon = {
  ref: z.string().min(1).optional().describe('Branch, tag or commit to index (default: the remote HEAD, or HEAD for a local path).'),
  include: globList.optional(),
  exclude: globList.optional(),
  name: z.string().min(1).optional().describe('A short name to show in citations (default: derived from the source).'),
};

export const goldenEntrySchema = z.union([
  z.string().min(1).describe('"owner/repo" on GitHub, or any git URL.'),
  z.strictObject({ url: z.string().min(1).describe('A git URL (https, ssh, file).'), ...goldenCommon }),
  z.strictObject({ path: z.string().min(1).describe('A local git repository, relative to archangel.json.'), ...goldenCommon }),
]);

/**
 * The most `index.maxFileBytes` may say. Indexing one file (parse tree, chunks, tokens, vectors)
 * needs tens of times its size in memory at its peak: 1 MB peaked at 153 MB of RSS, 4 MB at 264 MB
 * (bench/large-file.ts), 35 MB at 3.1 GB, and the trial's 50 MB file ran Node out of memory at
 * 6.5 GB. 4 MB still admits the largest hand-written files we know of (TypeScript's checker.ts,
 * 2.8 MB).
 */
export const MAX_FILE_BYTES_CEILING = 4_000_000;

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  golden: z.array(goldenEntrySchema).default([]).describe('The repositories the team holds up as how things should be done.'),
  index: z
    .strictObject({
      path: z.string().min(1).default('.archangel/index.db').describe('Where the golden index lives, relative to archangel.json.'),
      maxFileBytes: z
        .number()
        .int()
        .positive()
        .max(MAX_FILE_BYTES_CEILING)
        .default(1_000_000)
        .describe(`Files larger than this are skipped (they are rarely hand-written code). At most ${MAX_FILE_BYTES_CEILING}: indexing a file takes tens of times its size in memory.`),
    })
    .prefault({}),
  embeddings: z
    .strictObject({
      provider: z.enum(['local', 'voyage', 'openai-compatible']).default('local'),
      model: z.string().min(1).optional().describe('Model name for voyage or openai-compatible providers.'),
      baseUrl: z.string().url().optional().describe('Endpoint for openai-compatible providers, e.g. http://127.0.0.1:11434/v1.'),
      dimensions: z.number().int().positive().max(4096).optional(),
      batchSize: z.number().int().positive().max(1000).optional(),
    })
    .prefault({}),
  mentor: z
    .strictObject({
      level: z.enum(['junior', 'mid', 'senior']).default('junior'),
      maxNotesPerSave: z.number().int().min(0).max(10).default(3),
      minSeverity: z.enum(['info', 'warn', 'error']).default('info'),
    })
    .prefault({}),
  model: z
    .strictObject({
      provider: z.enum(['anthropic', 'foundry', 'bedrock', 'vertex']).default('anthropic'),
      feedback: z.string().min(1).default('claude-haiku-5-5').describe('Fast model for per-save notes.'),
      chat: z.string().min(1).default('claude-sonnet-5-5').describe('Stronger model for chat and docs.'),
      baseUrl: z.string().url().optional().describe('A gateway or Anthropic-compatible server (ANTHROPIC_BASE_URL also works).'),
      timeoutMs: z
        .number()
        .int()
        .positive()
        .default(30_000)
        .describe('Longest silence from the model, in ms, before a call gives up (a silent call is not tried again).'),
      reviewTimeoutMs: z
        .number()
        .int()
        .positive()
        .default(20_000)
        .describe('Longest a review (review, watch) waits for the model, in ms, before the offline mentor answers; review --timeout overrides it.'),
    })
    .prefault({}),
  privacy: z
    .strictObject({
      sendGoldenSnippets: z.boolean().default(true),
      redactSecrets: z.boolean().default(true),
    })
    .prefault({}),
  watch: z
    .strictObject({
      poll: z
        .boolean()
        .default(false)
        .describe('Poll for saves instead of native file events. Polling is chosen by itself on NFS, SMB, WSL Windows drives and Docker Desktop bind mounts; set this where native events still miss saves.'),
    })
    .prefault({}),
});

export type ArchangelConfigInput = z.input<typeof configSchema>;
export type ArchangelConfig = z.output<typeof configSchema>;
export type GoldenEntry = z.output<typeof goldenEntrySchema>;
