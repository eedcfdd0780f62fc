import { afterAll, describe, expect, it } from 'vitest';
import type { AnySignedObject } from '../../../shared/objects/signed-object';
import type { ObjectId } from '../../../shared/objects/types';
import { StoredStatements } from '../../../main/store/stored-statements';
import { commission, incidentBundle, removeTempDirs } from './fixtures/store-fixtures';

afterAll(removeTempDirs);

async function incidents(count: number): Promise<AnySignedObject[]> {
  const c = await commission();
  const made: AnySignedObject[] = [];
  for (let n = 1; n <= count; n++) made.push((await incidentBundle(c, n)).incident);
  return made;
}

/** The ids `bodies` had to read from the store instead of its memo. */
function readFromStore(stored: StoredStatements, objects: readonly AnySignedObject[]): ObjectId[] {
  const read: ObjectId[] = [];
  const byId = new Map(objects.map((o) => [o.id, o.bytes]));
  stored.bodies(
    objects.map((o) => o.id),
    (id) => {
      read.push(id);
      return byId.get(id);
    },
  );
  return read;
}

describe('StoredStatements', () => {
  it('keeps the first objects an import remembers once full, so deriving in arrival order reads only the later ones again', async () => {
    const objects = await incidents(5);
    const stored = new StoredStatements(3);
    for (const object of objects) stored.remember(object);
    expect(readFromStore(stored, objects)).toEqual(objects.slice(3).map((o) => o.id));
  });

  it('evicts the oldest for what it decodes from stored bytes, and decodes each body once', async () => {
    const objects = await incidents(4);
    const stored = new StoredStatements(2);
    for (const object of objects) expect((await stored.decode(new Uint8Array(object.bytes))).ok).toBe(true);
    expect(readFromStore(stored, objects)).toEqual(objects.slice(0, 2).map((o) => o.id));
  });
});
