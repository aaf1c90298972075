// Regenerates schema.json from the zod schema: `npm run schema`. A test fails when they drift.
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '../src/config/json-schema.js';

writeFileSync(new URL('../schema.json', import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
