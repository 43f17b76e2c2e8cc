import { expect } from 'vitest';
import { WarmclawError } from '../../src/main/core/errors';

/** The WarmclawError a promise rejects with (fails the test when it resolves or throws something else). */
export async function rejection(p: Promise<unknown>): Promise<WarmclawError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WarmclawError);
    return err as WarmclawError;
  }
  throw new Error('expected a rejection');
}
