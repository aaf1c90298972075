'use strict';

const { spawn } = require('node:child_process');

/**
 * Resolves with the current branch of the repository at `cwd`; rejects with git's own message
 * when `cwd` is not a repository.
 */
function currentBranch(cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout.trim());
      else reject(new Error(`git rev-parse failed in ${cwd}: ${stderr.trim()}`));
    });
  });
}

module.exports = { currentBranch };
