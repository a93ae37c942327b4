import { ChannelError } from '../../../src/errors';

/** Awaits a promise that must reject with a ChannelError and returns that error. */
export async function failureOf(promise: Promise<unknown>): Promise<ChannelError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ChannelError)) throw new Error(`expected a ChannelError, got ${String(error)}`);
  return error;
}
