import { customType } from 'drizzle-orm/pg-core';

/** Binary data (pictures, evidence): a Buffer in, a Buffer out, from PGlite and pg alike. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});
