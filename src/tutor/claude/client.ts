import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { MessageStreamEvent, MessageStreamParams } from '@anthropic-ai/sdk/resources/messages/messages';
import type { ArchangelConfig } from '../../config/schema.js';
import { ArchangelError, messageOf } from '../../errors/archangel-error.js';

/**
 * One way to reach Claude whatever the platform: the direct API, Microsoft Foundry, Amazon Bedrock
 * or Google Vertex AI. Each SDK is imported only when its provider is chosen, so the offline mentor
 * never pays for loading them. Retries are ours (see `retry.ts`), so every client is built with
 * `maxRetries: 0`.
 */

/** Per-request options the tutor passes to `messages.stream`. */
export interface StreamRequestOptions {
  signal?: AbortSignal;
  timeout?: number;
  maxRetries?: number;
}

/** A started stream: the SDK's MessageStream, as far as the tutor uses it. */
export interface MessagesStream extends AsyncIterable<MessageStreamEvent> {
  abort(): void;
}

/** The part of every Claude SDK client the tutor needs. */
export interface MessagesClient {
  /** Which platform answers, for messages a human reads ("Claude on Bedrock"). */
  readonly platform: ArchangelConfig['model']['provider'];
  /** The URL requests go to, for the line that says what is being waited for. */
  readonly endpoint?: string | undefined;
  messages: { stream(body: MessageStreamParams, options?: StreamRequestOptions): MessagesStream };
}

/** Test seams and programmatic credentials; nothing here is needed in normal use. */
export interface ClientOverrides {
  fetch?: typeof fetch;
  /** Foundry: a Microsoft Entra token provider (else `@azure/identity`'s DefaultAzureCredential when installed). */
  azureADTokenProvider?: () => Promise<string>;
  /** Vertex: a google-auth-library AuthClient (else Application Default Credentials). */
  vertexAuthClient?: unknown;
}

type Env = NodeJS.ProcessEnv;
type Model = ArchangelConfig['model'];

const OFFLINE = 'Without it, ArchAngel uses the offline mentor.';

/**
 * Builds the client for `config.model.provider` from the environment. Missing credentials are an
 * ArchangelError('PROVIDER') with a hint, so the caller can fall back to the offline mentor.
 */
export async function createMessagesClient(config: ArchangelConfig, env: Env = process.env, overrides: ClientOverrides = {}): Promise<MessagesClient> {
  const model = config.model;
  const common = { maxRetries: 0, timeout: model.timeoutMs, ...(overrides.fetch ? { fetch: overrides.fetch } : {}) };
  switch (model.provider) {
    case 'anthropic':
      return anthropicClient(model, env, common);
    case 'foundry':
      return foundryClient(model, env, common, overrides);
    case 'bedrock':
      return bedrockClient(model, env, common);
    case 'vertex':
      return vertexClient(model, env, common, overrides);
  }
}

type Common = { maxRetries: number; timeout: number; fetch?: typeof fetch };

async function anthropicClient(model: Model, env: Env, common: Common): Promise<MessagesClient> {
  const apiKey = env.ANTHROPIC_API_KEY?.trim();
  const authToken = env.ANTHROPIC_AUTH_TOKEN?.trim();
  if (!apiKey && !authToken) {
    throw new ArchangelError('PROVIDER', 'No Claude API key is set.', { hint: `Set ANTHROPIC_API_KEY to get notes from Claude. ${OFFLINE}` });
  }
  const { default: Anthropic } = await import('@anthropic-ai/sdk');
  const baseURL = model.baseUrl ?? env.ANTHROPIC_BASE_URL ?? null;
  const client = new Anthropic({ ...common, baseURL, ...(apiKey ? { apiKey, authToken: null } : { apiKey: null, authToken }) });
  return withPlatform(client, 'anthropic');
}

async function foundryClient(model: Model, env: Env, common: Common, overrides: ClientOverrides): Promise<MessagesClient> {
  const baseURL = model.baseUrl ?? env.ANTHROPIC_FOUNDRY_BASE_URL;
  const resource = env.ANTHROPIC_FOUNDRY_RESOURCE;
  if (!baseURL && !resource) {
    throw new ArchangelError('PROVIDER', 'No Microsoft Foundry resource is configured.', {
      hint: `Set ANTHROPIC_FOUNDRY_RESOURCE (or model.baseUrl to your Foundry endpoint). ${OFFLINE}`,
    });
  }
  const apiKey = env.ANTHROPIC_FOUNDRY_API_KEY?.trim();
  const azureADTokenProvider = apiKey ? undefined : (overrides.azureADTokenProvider ?? (await entraTokenProvider()));
  const { AnthropicFoundry } = await import('@anthropic-ai/foundry-sdk');
  const place = baseURL ? { baseURL, resource: null } : { resource: resource ?? null };
  const client = new AnthropicFoundry({ ...common, ...place, ...(apiKey ? { apiKey } : { azureADTokenProvider }) });
  return withPlatform(client, 'foundry');
}

/** Microsoft Entra ID through `@azure/identity`, which ArchAngel does not ship: install it to use it. */
async function entraTokenProvider(): Promise<() => Promise<string>> {
  const identityPackage = '@azure/identity';
  let identity: { DefaultAzureCredential: new () => unknown; getBearerTokenProvider: (credential: unknown, scope: string) => () => Promise<string> };
  try {
    identity = (await import(identityPackage)) as typeof identity;
  } catch (error) {
    throw new ArchangelError('PROVIDER', 'No Microsoft Foundry API key is set.', {
      hint: `Set ANTHROPIC_FOUNDRY_API_KEY, or install @azure/identity beside ArchAngel to sign in with Microsoft Entra ID. ${OFFLINE}`,
      cause: error,
    });
  }
  return identity.getBearerTokenProvider(new identity.DefaultAzureCredential(), 'https://ai.azure.com/.default');
}

async function bedrockClient(model: Model, env: Env, common: Common): Promise<MessagesClient> {
  const apiKey = env.AWS_BEARER_TOKEN_BEDROCK?.trim();
  const awsAccessKey = env.AWS_ACCESS_KEY_ID?.trim();
  const awsSecretKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  if (!apiKey && !(awsAccessKey && awsSecretKey) && !hasAwsCredentialSource(env)) {
    throw new ArchangelError('PROVIDER', 'No AWS credentials were found for Amazon Bedrock.', {
      hint: `Set AWS_BEARER_TOKEN_BEDROCK, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE. ${OFFLINE}`,
    });
  }
  const { AnthropicBedrock } = await import('@anthropic-ai/bedrock-sdk');
  const awsRegion = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const baseURL = model.baseUrl ?? env.ANTHROPIC_BEDROCK_BASE_URL;
  const place = { ...(awsRegion ? { awsRegion } : {}), ...(baseURL ? { baseURL } : {}) };
  const client = apiKey
    ? new AnthropicBedrock({ ...common, ...place, apiKey })
    : awsAccessKey && awsSecretKey
      ? new AnthropicBedrock({ ...common, ...place, apiKey: null, awsAccessKey, awsSecretKey, awsSessionToken: env.AWS_SESSION_TOKEN ?? null })
      : new AnthropicBedrock({ ...common, ...place, apiKey: null });
  return withPlatform(client, 'bedrock');
}

/** A profile, web identity or container role the AWS provider chain will resolve on first use. */
function hasAwsCredentialSource(env: Env): boolean {
  if (env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) return true;
  const home = env.HOME ?? homedir();
  return existsSync(join(home, '.aws', 'credentials')) || existsSync(join(home, '.aws', 'config'));
}

async function vertexClient(model: Model, env: Env, common: Common, overrides: ClientOverrides): Promise<MessagesClient> {
  const region = env.CLOUD_ML_REGION ?? env.GOOGLE_CLOUD_REGION;
  if (!region) {
    throw new ArchangelError('PROVIDER', 'No Google Cloud region is set for Vertex AI.', {
      hint: `Set CLOUD_ML_REGION (for example us-east5 or global) and ANTHROPIC_VERTEX_PROJECT_ID. ${OFFLINE}`,
    });
  }
  // Resolved here, not inside the client: the SDK starts credential discovery in its constructor and a
  // failure there becomes an unhandled rejection that would end the process.
  const authClient = (overrides.vertexAuthClient ?? (await googleAuthClient())) as never;
  const { AnthropicVertex } = await import('@anthropic-ai/vertex-sdk');
  const baseURL = model.baseUrl ?? env.ANTHROPIC_VERTEX_BASE_URL;
  const projectId = env.ANTHROPIC_VERTEX_PROJECT_ID ?? env.GOOGLE_CLOUD_PROJECT ?? null;
  const client = new AnthropicVertex({ ...common, region, projectId, authClient, ...(baseURL ? { baseURL } : {}) });
  return withPlatform(client, 'vertex');
}

/** Application Default Credentials, through the google-auth-library copy the Vertex SDK itself uses. */
async function googleAuthClient(): Promise<unknown> {
  const vertexRequire = createRequire(createRequire(import.meta.url).resolve('@anthropic-ai/vertex-sdk'));
  const { GoogleAuth } = vertexRequire('google-auth-library') as { GoogleAuth: new (options: { scopes: string }) => { getClient(): Promise<unknown> } };
  try {
    return await new GoogleAuth({ scopes: 'https://www.googleapis.com/auth/cloud-platform' }).getClient();
  } catch (error) {
    throw new ArchangelError('PROVIDER', `No Google Cloud credentials were found for Vertex AI (${messageOf(error).split('.')[0]}).`, {
      hint: `Run \`gcloud auth application-default login\` or set GOOGLE_APPLICATION_CREDENTIALS. ${OFFLINE}`,
      cause: error,
    });
  }
}

function withPlatform(client: { messages: MessagesClient['messages']; baseURL?: string }, platform: MessagesClient['platform']): MessagesClient {
  return { platform, endpoint: client.baseURL, messages: client.messages };
}
