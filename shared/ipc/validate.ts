import type { ObjectId } from '../objects/types';
import { ApiError } from './errors';

export function expectNoArguments(raw: readonly unknown[]): readonly [] {
  if (raw.length !== 0) throw new ApiError('invalid-arguments', `expected no arguments, got ${raw.length}`);
  return [];
}

const OBJECT_ID = /^[0-9a-f]{64}$/;

/** Exactly one argument, an object id (64 lowercase hex characters). */
export function expectObjectId(raw: readonly unknown[], what: string): ObjectId {
  if (raw.length !== 1) throw new ApiError('invalid-arguments', `expected one argument (${what}), got ${raw.length}`);
  const [value] = raw;
  if (typeof value !== 'string' || !OBJECT_ID.test(value)) throw new ApiError('invalid-arguments', `${what} must be 64 lowercase hex characters`);
  return value as ObjectId;
}
