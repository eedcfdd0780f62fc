import { ApiError } from './errors';

export function expectNoArguments(raw: readonly unknown[]): readonly [] {
  if (raw.length !== 0) throw new ApiError('invalid-arguments', `expected no arguments, got ${raw.length}`);
  return [];
}
