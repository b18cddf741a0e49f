import type { Database, Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import {
  systemSettingDefinitions,
  systemSettingNames,
  type SystemSettings,
} from './definitions.js';
import * as repo from './repository.js';

/** The current system settings, with defaults for those never changed (one query). */
export async function getSystemSettings(tx: Executor): Promise<SystemSettings> {
  return systemSettingsFrom(await repo.readSettings(tx, systemSettingNames));
}

/** The settings from their stored values. */
function systemSettingsFrom(stored: ReadonlyMap<string, unknown>): SystemSettings {
  const out: Record<string, unknown> = {};
  for (const name of systemSettingNames) out[name] = systemSettingFrom(stored, name);
  return out as SystemSettings;
}

/**
 * One setting from the stored values: what a request needs of them is usually one (the auth
 * plugin's MFA rule), and every signed-in request asks, so the others are not parsed for it.
 */
export function systemSettingFrom<K extends keyof SystemSettings>(
  stored: ReadonlyMap<string, unknown>,
  name: K,
): SystemSettings[K] {
  const def = systemSettingDefinitions[name];
  const value = stored.get(name);
  // Never changed: the default, without building the error a failed parse makes.
  if (value === undefined) return def.default as SystemSettings[K];
  const parsed = def.schema.safeParse(value);
  // A stored value that no longer fits (an older release wrote it) falls back to the default.
  return (parsed.success ? parsed.data : def.default) as SystemSettings[K];
}

/** Changes system settings (the caller has authorized it); each change is audited old → new. */
export async function updateSystemSettings(
  db: Database,
  ctx: ServiceContext,
  changes: Partial<SystemSettings>,
): Promise<SystemSettings> {
  return db.transaction(async (tx) => {
    const before = await getSystemSettings(tx);
    for (const name of systemSettingNames) {
      const value = changes[name];
      if (value === undefined || value === before[name]) continue;
      // A stored value is never null (the column says so): null ("keep forever") is the default
      // of the settings that take it, so the row goes and the default applies.
      if (value === null) await repo.clearSetting(tx, name);
      else await repo.writeSetting(tx, name, value, ctx.actor?.userId ?? null);
      await recordAudit(tx, ctx, {
        scope: { type: 'system' },
        action: 'system.settings.update',
        target: { type: 'system_setting', id: name },
        before: { [name]: before[name] },
        after: { [name]: value },
      });
    }
    return getSystemSettings(tx);
  });
}
