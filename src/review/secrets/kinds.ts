/** What each redaction rule found, in words a learner knows (with its article): never the value. */
const KINDS: Record<string, string> = {
  'anthropic-key': 'an Anthropic API key',
  'openai-key': 'an OpenAI API key',
  'github-token': 'a GitHub token',
  'slack-token': 'a Slack token',
  'slack-webhook': 'a Slack webhook URL',
  'stripe-key': 'a Stripe secret key',
  'google-api-key': 'a Google API key',
  'npm-token': 'an npm token',
  'gitlab-token': 'a GitLab token',
  'aws-access-key-id': 'an AWS access key id',
  'aws-secret-key': 'an AWS secret access key',
  'aws-account-id': 'an AWS account id',
  'bearer-token': 'a bearer token',
  jwt: 'a signed token (JWT)',
  'telegram-bot-token': 'a Telegram bot token',
  'discord-bot-token': 'a Discord bot token',
  'url-key': 'an API key in a URL',
  'url-password': 'a password inside a URL',
  'connection-password': 'a database password',
  'connection-string': 'a connection string with its password',
  'private-key': 'a private key',
  'key-block': 'key material (a long random base64 block)',
  'assigned-secret': 'a secret value assigned to a variable',
  'env-secret': 'a secret value in configuration',
};

export function describeSecret(rule: string): string {
  return KINDS[rule] ?? 'a credential';
}
