import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configSchema, type ArchangelConfigInput } from '../../../src/config/schema.js';
import { createMessagesClient, type ClientOverrides } from '../../../src/tutor/claude/client.js';
import { ClaudeTutor } from '../../../src/tutor/claude/tutor.js';
import type { TutorEvent } from '../../../src/tutor/types.js';
import { startFakeAnthropic, type FakeAnthropic } from '../../helpers/fake-anthropic.js';
import { reviewInput, twoNotesReply } from './fixtures.js';

let server: FakeAnthropic;
let home: string;
beforeEach(async () => {
  server = await startFakeAnthropic({ script: [{ kind: 'reply', text: twoNotesReply }] });
  home = await mkdtemp(join(tmpdir(), 'archangel-home-'));
});
afterEach(async () => {
  await server.close();
  await rm(home, { recursive: true, force: true });
});

function config(model: ArchangelConfigInput['model']) {
  return configSchema.parse({ model });
}

/** Runs one review through the client and returns the events. */
async function reviewWith(model: ArchangelConfigInput['model'], env: NodeJS.ProcessEnv, overrides: ClientOverrides = {}): Promise<TutorEvent[]> {
  const cfg = config(model);
  const client = await createMessagesClient(cfg, { HOME: home, ...env }, overrides);
  const tutor = new ClaudeTutor({ client, model: cfg.model, projectRoot: home, retry: { maxAttempts: 1 } });
  const events: TutorEvent[] = [];
  for await (const event of tutor.review(reviewInput)) events.push(event);
  return events;
}

const notesIn = (events: TutorEvent[]): number => events.filter((event) => event.type === 'note-end').length;

describe('createMessagesClient', () => {
  describe('anthropic', () => {
    it('needs a key, and says so with a hint', async () => {
      await expect(createMessagesClient(config({}), { HOME: home })).rejects.toMatchObject({
        code: 'PROVIDER',
        message: 'No Claude API key is set.',
        hint: expect.stringContaining('ANTHROPIC_API_KEY'),
      });
    });

    it('honours ANTHROPIC_BASE_URL and sends the key', async () => {
      const events = await reviewWith({}, { ANTHROPIC_API_KEY: 'sk-ant-1', ANTHROPIC_BASE_URL: server.url });
      expect(notesIn(events)).toBe(2);
      const request = server.requests[0];
      expect(request?.url).toBe('/v1/messages');
      expect(request?.headers.authorization ?? `Bearer ${String(request?.headers['x-api-key'])}`).toBe('Bearer sk-ant-1');
    });

    it('prefers model.baseUrl over ANTHROPIC_BASE_URL', async () => {
      await reviewWith({ baseUrl: server.url }, { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' });
      expect(server.requests).toHaveLength(1);
    });

    it('accepts ANTHROPIC_AUTH_TOKEN for gateways', async () => {
      await reviewWith({ baseUrl: server.url }, { ANTHROPIC_AUTH_TOKEN: 'gateway-token' });
      expect(server.requests[0]?.headers.authorization).toBe('Bearer gateway-token');
    });
  });

  describe('foundry', () => {
    it('sends the Foundry key as x-api-key to the configured endpoint', async () => {
      const events = await reviewWith({ provider: 'foundry', baseUrl: `${server.url}/anthropic/` }, { ANTHROPIC_FOUNDRY_API_KEY: 'foundry-key' });
      expect(notesIn(events)).toBe(2);
      expect(server.requests[0]?.url).toBe('/anthropic/v1/messages');
      expect(server.requests[0]?.headers['x-api-key']).toBe('foundry-key');
    });

    it('signs in with a Microsoft Entra token provider when there is no key', async () => {
      const events = await reviewWith({ provider: 'foundry' }, { ANTHROPIC_FOUNDRY_BASE_URL: `${server.url}/anthropic/` }, { azureADTokenProvider: async () => 'entra-token' });
      expect(notesIn(events)).toBe(2);
      expect(server.requests[0]?.headers.authorization).toBe('Bearer entra-token');
    });

    it('explains what is missing: the resource, then the key', async () => {
      await expect(createMessagesClient(config({ provider: 'foundry' }), { HOME: home, ANTHROPIC_FOUNDRY_API_KEY: 'k' })).rejects.toMatchObject({
        code: 'PROVIDER',
        message: 'No Microsoft Foundry resource is configured.',
      });
      // @azure/identity is not installed here, so without a key there is no way to sign in.
      await expect(createMessagesClient(config({ provider: 'foundry' }), { HOME: home, ANTHROPIC_FOUNDRY_RESOURCE: 'acme' })).rejects.toMatchObject({
        code: 'PROVIDER',
        message: 'No Microsoft Foundry API key is set.',
        hint: expect.stringContaining('@azure/identity'),
      });
    });
  });

  describe('vertex', () => {
    const authClient = { projectId: 'acme-proj', getRequestHeaders: async () => new Headers({ authorization: 'Bearer google-token' }) };

    it('posts to the model path of the project and region, with the Google token', async () => {
      const events = await reviewWith({ provider: 'vertex', baseUrl: `${server.url}/v1` }, { CLOUD_ML_REGION: 'us-east5', ANTHROPIC_VERTEX_PROJECT_ID: 'acme-proj' }, { vertexAuthClient: authClient });
      expect(notesIn(events)).toBe(2);
      const request = server.requests[0];
      expect(request?.url).toBe('/v1/projects/acme-proj/locations/us-east5/publishers/anthropic/models/claude-haiku-5-5:streamRawPredict');
      expect(request?.headers.authorization).toBe('Bearer google-token');
      expect(request?.body).toMatchObject({ anthropic_version: expect.any(String), stream: true });
      expect(request?.body).not.toHaveProperty('model');
    });

    it('needs a region', async () => {
      await expect(createMessagesClient(config({ provider: 'vertex' }), { HOME: home }, { vertexAuthClient: authClient })).rejects.toMatchObject({
        code: 'PROVIDER',
        message: 'No Google Cloud region is set for Vertex AI.',
      });
    });
  });

  describe('bedrock', () => {
    it('signs with AWS keys and posts to the model invoke-with-response-stream path', async () => {
      const env = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'eu-west-1' };
      const events = await reviewWith({ provider: 'bedrock', baseUrl: server.url, feedback: 'anthropic.claude-haiku-5-5-v1:0' }, env);
      expect(notesIn(events)).toBe(2);
      const request = server.requests[0];
      expect(decodeURIComponent(request?.url ?? '')).toBe('/model/anthropic.claude-haiku-5-5-v1:0/invoke-with-response-stream');
      expect(request?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE\/\d{8}\/eu-west-1\/bedrock\/aws4_request/);
      expect(events.at(-1)).toMatchObject({ type: 'done', usage: { costUsd: expect.any(Number) } });
    });

    it('reads the AWS binary event stream Bedrock really answers with', async () => {
      await server.close();
      server = await startFakeAnthropic({ script: [{ kind: 'reply', text: twoNotesReply, awsEventStream: true }] });
      const events = await reviewWith({ provider: 'bedrock', baseUrl: server.url }, { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-key' });
      expect(notesIn(events)).toBe(2);
      expect(events.at(-1)).toMatchObject({ type: 'done', usage: { inputTokens: 1200, outputTokens: 180 } });
    });

    it('uses a Bedrock API key as a bearer token', async () => {
      await reviewWith({ provider: 'bedrock' }, { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-key', ANTHROPIC_BEDROCK_BASE_URL: server.url });
      expect(server.requests[0]?.headers.authorization).toBe('Bearer bedrock-key');
    });

    it('needs some AWS credential source', async () => {
      await expect(createMessagesClient(config({ provider: 'bedrock' }), { HOME: home })).rejects.toMatchObject({
        code: 'PROVIDER',
        message: 'No AWS credentials were found for Amazon Bedrock.',
      });
    });
  });
});
