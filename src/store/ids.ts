import { Types } from 'mongoose';

/** A new document id as a string; ids cross layer boundaries as strings only. */
export function newId(): string {
  return new Types.ObjectId().toHexString();
}

export function isId(value: string): boolean {
  return Types.ObjectId.isValid(value) && /^[0-9a-f]{24}$/i.test(value);
}
