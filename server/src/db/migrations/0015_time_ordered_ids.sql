-- Time-ordered ids for the log-like tables (db/schema/ids.ts says why): a UUID of version 7
-- (RFC 9562), made from a random one (version 4, whose variant bits it keeps) by writing the
-- clock's milliseconds since 1970 over its first 6 bytes, big-endian, and the version 7 over its
-- version 4: bits 52 and 53 of the bytes (set_bit counts from the low bit of the first byte), the
-- low two bits of the version's nibble, turn 0100 into 0111. Rows made within one millisecond
-- are in random order among themselves. PostgreSQL 18 has uuidv7(); 15 to 17 do not.
CREATE OR REPLACE FUNCTION uuid_time_ordered() RETURNS uuid
  LANGUAGE sql VOLATILE PARALLEL SAFE
  AS $$
    SELECT encode(
      set_bit(set_bit(
        overlay(uuid_send(gen_random_uuid())
          PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint)
            FROM 3)
          FROM 1 FOR 6),
        52, 1), 53, 1),
      'hex')::uuid
  $$;--> statement-breakpoint
ALTER TABLE "audit_entries" ALTER COLUMN "id" SET DEFAULT uuid_time_ordered();--> statement-breakpoint
ALTER TABLE "email_outbox" ALTER COLUMN "id" SET DEFAULT uuid_time_ordered();--> statement-breakpoint
ALTER TABLE "report_access_log" ALTER COLUMN "id" SET DEFAULT uuid_time_ordered();--> statement-breakpoint
ALTER TABLE "report_history" ALTER COLUMN "id" SET DEFAULT uuid_time_ordered();--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "id" SET DEFAULT uuid_time_ordered();