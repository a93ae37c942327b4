/**
 * Runs async work for one key after the work already queued for it (pushes about one
 * conversation reach sockets in the order their changes happened); keys run independently.
 * A failure is handed to onError and does not stop the key's queue.
 */
export function orderedByKey(onError: (err: unknown) => void): (key: string, work: () => Promise<void>) => Promise<void> {
  const chains = new Map<string, Promise<void>>();
  return (key, work) => {
    const next = (chains.get(key) ?? Promise.resolve()).then(work).catch(onError);
    chains.set(key, next);
    void next.then(() => chains.get(key) === next && chains.delete(key));
    return next;
  };
}
