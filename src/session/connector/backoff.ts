import type { ReconnectPolicy } from './types.js';

export const DEFAULT_RECONNECT: ReconnectPolicy = {
  minDelayMs: 1000,
  maxDelayMs: 10_000,
  jitter: 0.5,
  maxAttempts: 200,
  initialAttempts: 3,
};

/** Exponential delay for attempt `n` (1-based), capped, with symmetric jitter so clients do not retry in step. */
export function backoffDelay(
  attempt: number,
  policy: ReconnectPolicy,
  random: () => number = Math.random,
): number {
  const base = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** Math.max(0, attempt - 1));
  const spread = base * policy.jitter * (random() * 2 - 1);
  return Math.round(Math.min(policy.maxDelayMs, Math.max(policy.minDelayMs / 2, base + spread)));
}
