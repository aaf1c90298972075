import { z } from 'zod';
import { configSchema } from './schema.js';

/** The JSON Schema of archangel.json, for editor completion (shipped as schema.json). */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'ArchAngel configuration (archangel.json)',
  };
}
