-- The outboxes are queues: each message is inserted, claimed and marked done, and each claim
-- leaves a dead entry in the due index that every later claim steps over until the table is
-- vacuumed. By default autovacuum waits for a fifth of the table to be dead, and the outboxes
-- keep what they sent: in a long-kept outbox hundreds of thousands of dead entries gather, and a
-- claim of 20 messages took a quarter of a second instead of half a millisecond
-- (docs/PERFORMANCE.md). These are vacuumed after every few thousand changes instead.
ALTER TABLE "email_outbox" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000, autovacuum_analyze_scale_factor = 0.02);--> statement-breakpoint
ALTER TABLE "webhook_deliveries" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000, autovacuum_analyze_scale_factor = 0.02);
