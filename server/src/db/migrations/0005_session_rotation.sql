ALTER TABLE "sessions" ADD COLUMN "issued_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "privileges_changed_at" timestamp with time zone;--> statement-breakpoint
-- Every change to someone's roles, by any code path now or later, marks their sessions for a new
-- token: a trigger cannot be forgotten the way a call in a service can.
CREATE FUNCTION "mark_privileges_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "users" SET "privileges_changed_at" = clock_timestamp() WHERE "id" = OLD."user_id";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "users" SET "privileges_changed_at" = clock_timestamp() WHERE "id" = NEW."user_id";
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "role_assignments_privileges_changed"
  AFTER INSERT OR UPDATE OR DELETE ON "role_assignments"
  FOR EACH ROW EXECUTE FUNCTION "mark_privileges_changed"();
