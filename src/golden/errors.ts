import { ArchangelError } from '../errors/archangel-error.js';
import { GitCommandError } from './run-git.js';
import type { GoldenSource } from './types.js';

/** Turning git's stderr into one sentence and a hint the user can act on. */

const OTHERS_STILL_INDEXED = 'the other golden repos are still indexed';

const UNREACHABLE = [
  /could not resolve host/i,
  /could not resolve hostname/i,
  /failed to connect/i,
  /couldn't connect to server/i,
  /connection refused/i,
  /connection timed out/i,
  /operation timed out/i,
  /network is unreachable/i,
  /no route to host/i,
  /connection reset/i,
  /ssl certificate problem/i,
  /gnutls_handshake|ssl_connect|ssl routines/i,
];

const AUTH = [
  /authentication failed/i,
  /could not read (username|password)/i,
  /terminal prompts disabled/i,
  /repository not found/i,
  /returned error: 40[13]/i,
  /permission denied \(publickey/i,
  /host key verification failed/i,
  /access denied|forbidden/i,
];

const BAD_REF = [/couldn't find remote ref/i, /not our ref/i, /remote branch .* not found/i, /unadvertised object/i];

const NO_REPOSITORY = [/does not appear to be a git repository/i, /repository '.*' does not exist/i];

/** True when git's stderr says the requested ref or commit is not on the remote. */
export function isMissingRef(error: unknown): boolean {
  return error instanceof GitCommandError && BAD_REF.some((pattern) => pattern.test(error.stderr));
}

/** The error for a ref (branch, tag or sha) that the repository does not have. */
export function refNotFound(source: GoldenSource, ref: string, cause?: unknown): ArchangelError {
  return new ArchangelError('GOLDEN_UNAVAILABLE', `ref ${ref} not found in golden repo ${source.name}.`, {
    hint: `Check the "ref" of ${source.spec} in archangel.json: it must be a branch, tag or commit of that repository.`,
    cause,
  });
}

/**
 * The friendly error for a failed network operation (clone, fetch) on a remote source. Errors that
 * are already ArchangelErrors (GIT_MISSING) pass through unchanged.
 */
export function classifyRemoteFailure(source: GoldenSource & { kind: 'remote' }, error: unknown, ref?: string): ArchangelError {
  if (error instanceof ArchangelError) return error;
  const url = source.url;
  if (!(error instanceof GitCommandError)) {
    return new ArchangelError('GOLDEN_UNAVAILABLE', `could not sync golden repo ${source.name} from ${url}.`, {
      hint: `Run with ARCHANGEL_DEBUG_LOG=debug.log for details; ${OTHERS_STILL_INDEXED}.`,
      cause: error,
    });
  }
  if (error.stoppedBy === 'abort') {
    return new ArchangelError('INTERRUPTED', `syncing golden repo ${source.name} was cancelled.`, { cause: error });
  }
  if (error.stoppedBy === 'timeout') {
    return new ArchangelError('GOLDEN_UNAVAILABLE', `timed out fetching ${url}.`, {
      hint: `Check your network, or try again later; ${OTHERS_STILL_INDEXED}.`,
      cause: error,
    });
  }
  const stderr = error.stderr;
  if (ref !== undefined && BAD_REF.some((pattern) => pattern.test(stderr))) return refNotFound(source, ref, error);
  if (UNREACHABLE.some((pattern) => pattern.test(stderr))) {
    return new ArchangelError('GOLDEN_UNAVAILABLE', `could not reach ${url}.`, {
      hint: `Check the URL and your network; ${OTHERS_STILL_INDEXED}.`,
      cause: error,
    });
  }
  if (AUTH.some((pattern) => pattern.test(stderr))) {
    const ssh = !/^(https?|file):\/\//.test(url);
    return new ArchangelError('GOLDEN_UNAVAILABLE', `could not read ${url}: access denied or the repository does not exist.`, {
      hint: ssh
        ? `Check that your SSH key can read it (ssh -T) and the host is in known_hosts; ${OTHERS_STILL_INDEXED}.`
        : `If it is private, set GITHUB_TOKEN or run \`gh auth login\`; ${OTHERS_STILL_INDEXED}.`,
      cause: error,
    });
  }
  if (NO_REPOSITORY.some((pattern) => pattern.test(stderr))) {
    return new ArchangelError('GOLDEN_UNAVAILABLE', `there is no git repository at ${url}.`, {
      hint: `Check the URL of ${source.spec} in archangel.json; ${OTHERS_STILL_INDEXED}.`,
      cause: error,
    });
  }
  return new ArchangelError('GOLDEN_UNAVAILABLE', `could not fetch golden repo ${source.name} from ${url}: ${error.message.replace(/\.$/, '')}.`, {
    hint: `Run with ARCHANGEL_DEBUG_LOG=debug.log for details; ${OTHERS_STILL_INDEXED}.`,
    cause: error,
  });
}
