import { describe, expect, it } from 'vitest';
import { isSecretFile } from '../../src/redact/index.js';

describe('isSecretFile', () => {
  it.each([
    '.env',
    'config/.env.local',
    '.env.production',
    'deploy/prod.env',
    '.envrc',
    'certs/server.pem',
    'tls/server.key',
    'store.p12',
    'store.pfx',
    'android/release.keystore',
    '/home/me/.ssh/id_rsa',
    '.ssh/id_ed25519',
    '.npmrc',
    '.pypirc',
    '.netrc',
    '.git-credentials',
    'credentials.json',
    '.aws/credentials',
    'client_secret_1234.apps.googleusercontent.com.json',
    'service-account.json',
    'infra/prod.tfvars',
    'terraform.tfstate',
    'C:\\Users\\me\\.env',
  ])('treats %s as a secret file', (path) => {
    expect(isSecretFile(path)).toBe(true);
  });

  it.each(['.env.example', '.env.sample', '.env.template', '.env.local.example', 'id_rsa.pub', 'server.crt', 'src/env.ts', 'src/keys.ts', 'docs/credentials.md', 'environment.ts', 'package.json'])(
    'does not treat %s as a secret file',
    (path) => {
      expect(isSecretFile(path)).toBe(false);
    },
  );
});
