import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { isUuid } from '../../db/inputs.js';
import { locations } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { locationRef } from './refs.js';

/**
 * Checks that an event or a session may move to this location — it exists and is not archived —
 * and holds its row (FOR KEY SHARE) until the caller's transaction ends, so that archiving or
 * deleting it (which lock it FOR UPDATE) waits, and then sees it in use.
 */
export async function usableLocation(tx: Executor, id: string) {
  if (isUuid(id)) {
    await tx
      .select({ id: locations.id })
      .from(locations)
      .where(eq(locations.id, id))
      .for('key share');
  }
  const location = await locationRef(tx, id);
  if (!location || location.archived) {
    throw new AppError('validation_failed', 'Choose a location that exists and is not archived.', [
      {
        field: 'body.locationId',
        message: location ? 'This location is archived' : 'No such location',
      },
    ]);
  }
}
