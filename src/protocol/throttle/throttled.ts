/**
 * Runs a credential check under a {@link FailureLimiter}: refused before the check while the
 * attempt is throttled, its failure counted, its success remembered (failure-limiter.ts).
 */
import { OAuthError } from '../errors.js';
import type { AuthAttempt, FailureLimiter } from './failure-limiter.js';

/** Failures that are someone trying a credential (not a malformed or misdirected request). */
export function isCredentialFailure(error: unknown): boolean {
  if (!(error instanceof OAuthError)) return false;
  // invalid_client: a wrong or expired secret, a bad assertion; 700016: an unknown client id;
  // 50027: an assertion that is no JWT at all.
  return error.error === 'invalid_client' || error.aadsts === 700016 || error.aadsts === 50027;
}

/**
 * @throws OAuthError AADSTS50196 with HTTP 429 and `Retry-After` while throttled.
 */
export async function throttled<T>(limiter: FailureLimiter, attempt: AuthAttempt, check: () => Promise<T>): Promise<T> {
  const wait = await limiter.retryAfter(attempt);
  // ENTRA-COMPAT: Entra answers throttled client-credential calls with 429 and Retry-After but
  // documents no body; ours is Entra's error JSON with its throttling code.
  if (wait > 0) throw new OAuthError(50196, [], { retryAfter: wait, cause: `authentication throttled for ${wait}s` });
  let result: T;
  try {
    result = await check();
  } catch (error) {
    if (isCredentialFailure(error)) await limiter.recordFailure(attempt);
    throw error;
  }
  await limiter.recordSuccess(attempt);
  return result;
}
