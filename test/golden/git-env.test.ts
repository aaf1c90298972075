import { describe, expect, it } from 'vitest';
import { gitEnv } from '../../src/golden/git-env.js';

const TOKEN = 'ghp_secret123';
const HEADER = `Authorization: Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`;

describe('gitEnv', () => {
  it('passes a token to https://github.com through GIT_CONFIG_* scoped to github.com', () => {
    const env = gitEnv({ url: 'https://github.com/acme/api.git', token: TOKEN }, {});
    expect(env).toMatchObject({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.https://github.com/.extraHeader', GIT_CONFIG_VALUE_0: HEADER });
  });

  it.each(['http://github.com/acme/api.git', 'git@github.com:acme/api.git', 'https://github.com.evil.example/acme/api.git', 'https://gitlab.com/acme/api.git', 'file:///tmp/x'])(
    'never sends the token to %s',
    (url) => {
      expect(JSON.stringify(gitEnv({ url, token: TOKEN }, {}))).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'));
    },
  );

  it('adds to the GIT_CONFIG_* entries the user already has', () => {
    const env = gitEnv({ url: 'https://github.com/a/b.git', token: TOKEN }, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.x', GIT_CONFIG_VALUE_0: 'y' });
    expect(env).toMatchObject({ GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_0: 'core.x', GIT_CONFIG_KEY_1: 'http.https://github.com/.extraHeader' });
  });

  it('never prompts, speaks English and ignores the repository of a calling git hook', () => {
    const env = gitEnv({}, { GIT_DIR: '/elsewhere/.git', GIT_INDEX_FILE: 'x', GIT_SSH_COMMAND: 'ssh -i key' });
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.GIT_INDEX_FILE).toBeUndefined();
    expect(env).toMatchObject({ GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', LC_ALL: 'C', GIT_SSH_COMMAND: 'ssh -i key -oBatchMode=yes' });
  });
});
