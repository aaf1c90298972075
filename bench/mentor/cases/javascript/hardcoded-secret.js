'use strict';

const GITHUB_TOKEN = '{{FAKE_GITHUB_TOKEN}}';

async function list_open_issues(owner, repo) {
  const response = await fetch(`https://api.github.com/repos/${owner}/${repo}/issues?state=open`, {
    headers: { Authorization: `token ${GITHUB_TOKEN}`, Accept: 'application/vnd.github+json' },
    signal: AbortSignal.timeout(10000),
  });
  if (!response.ok) {
    throw new Error(`GitHub answered ${response.status} for ${owner}/${repo}`);
  }
  return response.json();
}

module.exports = { list_open_issues };
