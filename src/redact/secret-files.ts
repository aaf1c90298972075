import { posix } from 'node:path';

/**
 * Files that exist to hold credentials. Their content is never sent anywhere, redacted or not: a
 * redactor can miss a format, and there is nothing in them for a tutor to teach.
 *
 * Templates meant to be committed (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`,
 * `.env.defaults`) are not secret files; like any text, they are still redacted. Public halves of
 * key pairs (`id_rsa.pub`, `*.crt`, `*.cer`) are not secret either.
 */
const SECRET_NAMES = new Set([
  '.env',
  '.envrc',
  '.npmrc',
  '.yarnrc.yml',
  '.pypirc',
  '.netrc',
  '_netrc',
  '.git-credentials',
  '.pgpass',
  '.my.cnf',
  '.htpasswd',
  '.dockercfg',
  'credentials',
  'credentials.json',
  'credentials.yml',
  'secrets.json',
  'secrets.yml',
  'secrets.yaml',
  'terraform.tfstate',
  'terraform.tfstate.backup',
]);

/** Key stores and private keys by extension (`.key` is a private key in every common toolchain). */
const SECRET_EXTENSIONS = new Set(['.pem', '.key', '.p12', '.pfx', '.jks', '.keystore', '.p8', '.ppk', '.kdbx', '.tfvars', '.env']);

const ENV_TEMPLATE_SUFFIXES = new Set(['example', 'sample', 'template', 'dist', 'defaults', 'schema']);

/** SSH private keys: `id_rsa`, `id_ed25519`, `id_ecdsa_sk`..., not their `.pub` halves. */
const SSH_KEY = /^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/;
/** Google OAuth client and service-account downloads. */
const GOOGLE_JSON = /^(client_secret.*|service[-_]account.*|.*-credentials)\.json$/;

/** True for a path whose file exists to hold credentials (`.env`, `*.pem`, `id_rsa`, `.npmrc`...). */
export function isSecretFile(path: string): boolean {
  const name = posix.basename(path.replace(/\\/g, '/'));
  const lower = name.toLowerCase();
  if (SECRET_NAMES.has(lower) || SSH_KEY.test(lower) || GOOGLE_JSON.test(lower)) return true;
  if (lower.startsWith('.env.')) return !ENV_TEMPLATE_SUFFIXES.has(lower.split('.').at(-1) ?? '');
  return SECRET_EXTENSIONS.has(posix.extname(lower));
}
