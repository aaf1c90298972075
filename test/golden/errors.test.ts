import { describe, expect, it } from 'vitest';
import { classifyRemoteFailure } from '../../src/golden/errors.js';
import { GitCommandError } from '../../src/golden/run-git.js';
import type { RemoteGoldenSource } from '../../src/golden/types.js';

const github: RemoteGoldenSource = { kind: 'remote', id: 'github.com/acme/api', name: 'acme/api', spec: 'acme/api', url: 'https://github.com/acme/api.git' };
const ssh: RemoteGoldenSource = { ...github, url: 'git@github.com:acme/api.git', spec: 'git@github.com:acme/api.git' };

function failed(stderr: string, stoppedBy?: 'timeout' | 'abort'): GitCommandError {
  return new GitCommandError(['fetch'], stoppedBy ? null : 128, stderr, stoppedBy);
}

describe('classifyRemoteFailure', () => {
  it.each([
    "fatal: unable to access 'https://github.com/acme/api.git/': Could not resolve host: github.com",
    "fatal: unable to access 'https://x/': Failed to connect to x port 443 after 1 ms: Connection refused",
    'ssh: connect to host github.com port 22: Network is unreachable',
  ])('reports an unreachable host: %s', (stderr) => {
    const error = classifyRemoteFailure(github, failed(stderr));
    expect(error).toMatchObject({ code: 'GOLDEN_UNAVAILABLE', message: 'could not reach https://github.com/acme/api.git.' });
    expect(error.hint).toContain('the other golden repos are still indexed');
  });

  it.each([
    "fatal: could not read Username for 'https://github.com': terminal prompts disabled",
    "remote: Repository not found.\nfatal: repository 'https://github.com/acme/api.git/' not found",
    "fatal: Authentication failed for 'https://github.com/acme/api.git/'",
    "fatal: unable to access 'https://github.com/acme/api.git/': The requested URL returned error: 403",
  ])('points at GITHUB_TOKEN and gh auth login for https auth failures: %s', (stderr) => {
    const error = classifyRemoteFailure(github, failed(stderr));
    expect(error.message).toContain('access denied');
    expect(error.hint).toContain('GITHUB_TOKEN');
    expect(error.hint).toContain('gh auth login');
  });

  it('points at the SSH key for ssh auth failures', () => {
    const error = classifyRemoteFailure(ssh, failed('git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.'));
    expect(error.hint).toContain('SSH key');
  });

  it('names a missing ref', () => {
    expect(classifyRemoteFailure(github, failed("fatal: couldn't find remote ref release/9"), 'release/9').message).toBe(
      'ref release/9 not found in golden repo acme/api.',
    );
  });

  it('tells a timeout from a cancellation, keeping the cause', () => {
    const timeout = failed('', 'timeout');
    expect(classifyRemoteFailure(github, timeout)).toMatchObject({ code: 'GOLDEN_UNAVAILABLE', message: 'timed out fetching https://github.com/acme/api.git.', cause: timeout });
    expect(classifyRemoteFailure(github, failed('', 'abort')).code).toBe('INTERRUPTED');
  });
});
