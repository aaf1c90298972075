/** Secret redaction: what must never leave the machine. */
export { redactSecrets, type RedactOptions, type RedactResult, type Redaction } from './redact.js';
export { isSecretFile } from './secret-files.js';
