import type { EventBus } from './events';

/**
 * "Is any agent online?" for the bot's turns, asked at most once a second instead of once per
 * message; a presence change on this instance refreshes it at once (another instance's change is
 * seen within the second).
 */
export function cachedAvailability(ask: () => Promise<boolean>, events: EventBus, ttlMs = 1000): () => Promise<boolean> {
  let value: Promise<boolean> | undefined;
  let at = 0;
  events.on('agent.presence', () => {
    value = undefined;
  });
  return () => {
    if (!value || Date.now() - at > ttlMs) {
      at = Date.now();
      value = ask().catch((err) => {
        value = undefined;
        throw err;
      });
    }
    return value;
  };
}
