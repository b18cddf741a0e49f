import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { preparedStatement } from '../../db/prepared.js';
import { systemSettings } from '../../db/schema/index.js';

/** The stored values of the named settings; a name without a row is absent from the map. */
export async function readSettings(
  tx: Executor,
  names: readonly string[],
): Promise<Map<string, unknown>> {
  // Every request of a signed-in person reads them: one prepared statement over the few rows.
  const rows = await allSettings(tx).execute();
  const wanted = new Set(names);
  return new Map(rows.filter((r) => wanted.has(r.name)).map((r) => [r.name, r.value]));
}

const allSettings = preparedStatement((db) =>
  db
    .select({ name: systemSettings.name, value: systemSettings.value })
    .from(systemSettings)
    .prepare('system_settings_all'),
);

/** Stores one setting's value, in the caller's transaction. */
export async function writeSetting(
  tx: Executor,
  name: string,
  value: unknown,
  updatedBy: string | null,
): Promise<void> {
  await tx
    .insert(systemSettings)
    .values({ name, value, updatedBy })
    .onConflictDoUpdate({
      target: systemSettings.name,
      set: { value, updatedBy, updatedAt: new Date() },
    });
}

/** Removes a stored setting so that its default applies again. */
export async function clearSetting(tx: Executor, name: string): Promise<void> {
  await tx.delete(systemSettings).where(eq(systemSettings.name, name));
}
