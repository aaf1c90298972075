import { formatHunkLines, type ReviewInput } from '../../../src/tutor/claude/review-input.js';
import type { Evidence } from '../../../src/tutor/types.js';

/** A realistic save: a swallowed error and a snake_case function name, with golden evidence for both. */
export const goldenCatch: Extract<Evidence, { kind: 'golden' }> = {
  kind: 'golden',
  id: 'chunk:acme-api:src/users/service.ts:40',
  citation: { repo: 'acme/api', path: 'src/users/service.ts', startLine: 40, endLine: 52, commit: '1a2b3c4d5e6f7a8b9c0d' },
  snippet: 'export async function loadAccount(id: string): Promise<Account> {\n  try {\n    return await api.get(`/accounts/${id}`);\n  } catch (error) {\n    throw new Error(`loadAccount ${id} failed`, { cause: error });\n  }\n}',
  symbol: 'loadAccount',
};

export const namingConvention: Evidence = {
  kind: 'convention',
  id: 'ts.naming.function',
  ruleId: 'ts.naming.function',
  statement: 'Functions are camelCase',
  support: 2310,
  confidence: 0.99,
  examples: [{ repo: 'acme/api', path: 'src/users/service.ts', startLine: 40, endLine: 40, commit: '1a2b3c4d5e6f7a8b9c0d' }],
};

export const reviewInput: ReviewInput = {
  hunks: [
    {
      path: 'src/user-service.ts',
      startLine: 6,
      endLine: 13,
      symbol: 'get_user_data',
      text: formatHunkLines([
        { kind: 'add', text: 'export async function get_user_data(id: string) {', newLine: 6 },
        { kind: 'add', text: '  try {', newLine: 7 },
        { kind: 'add', text: '    const res = await fetch(`/users/${id}`);', newLine: 8 },
        { kind: 'add', text: '    return await res.json();', newLine: 9 },
        { kind: 'del', text: '  return null;' },
        { kind: 'add', text: '  } catch (e) {}', newLine: 12 },
        { kind: 'ctx', text: '}', newLine: 13 },
      ]),
    },
  ],
  evidence: [goldenCatch, namingConvention],
  findings: 'src/user-service.ts:6 ts.naming.function: get_user_data is snake_case (2310 of 2318 golden functions are camelCase)',
  level: 'junior',
  maxNotes: 3,
};

/** A well-formed reply with two notes, as the model is asked to write it. */
export const twoNotesReply = `<note path="src/user-service.ts" lines="7-12" topic="error-handling" severity="warn" title="error handling" evidence="E1">
<question>If fetch rejects on line 8, what does a caller of get_user_data receive, and how would they find out why?</question>
<hint>The empty catch on line 12 turns a network failure or bad JSON into a silent undefined. Here a catch either handles the error or rethrows it with context.</hint>
<example>Compare your catch with [E1]: what does it keep that yours throws away?</example>
<change>\`\`\`diff
-  } catch (e) {}
+  } catch (error) {
+    throw new Error(\`get_user_data \${id} failed\`, { cause: error });
+  }
\`\`\`
Callers now see why it failed. Does the return type still need to allow undefined?</change>
</note>
<note path="src/user-service.ts" lines="6" topic="ts.naming.function" severity="info" title="naming" evidence="E2">
<question>How would get_user_data read next to the other functions this module imports?</question>
<hint>Golden functions are camelCase (2310 of 2318).</hint>
<example>Look at the function names in [E1].</example>
<change>Rename it to getUserData and update its callers.</change>
</note>`;
