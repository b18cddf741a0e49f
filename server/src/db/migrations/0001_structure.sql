CREATE TABLE "chapters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chapters_org_slug" UNIQUE("organization_id","slug")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"chapter_id" uuid,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"suspended" boolean DEFAULT false NOT NULL,
	"spam" boolean DEFAULT false NOT NULL,
	"rsvp_open" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"responder_scope" text DEFAULT 'all' NOT NULL,
	"responders_can_assign" boolean DEFAULT true NOT NULL,
	"report_intake" text DEFAULT 'members' NOT NULL,
	"show_team_publicly" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_slug_unique" UNIQUE("slug"),
	CONSTRAINT "events_status" CHECK ("events"."status" in ('draft', 'pending_approval', 'active', 'archived')),
	CONSTRAINT "events_responder_scope" CHECK ("events"."responder_scope" in ('all', 'assigned')),
	CONSTRAINT "events_report_intake" CHECK ("events"."report_intake" in ('members', 'signed_in', 'anonymous'))
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"event_creation" text DEFAULT 'admins' NOT NULL,
	"event_approval" text DEFAULT 'not_required' NOT NULL,
	"leaders_see_incidents" boolean DEFAULT true NOT NULL,
	"require_mfa_for_admins" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_slug_unique" UNIQUE("slug"),
	CONSTRAINT "organizations_event_creation" CHECK ("organizations"."event_creation" in ('admins', 'anyone')),
	CONSTRAINT "organizations_event_approval" CHECK ("organizations"."event_approval" in ('required', 'not_required'))
);
--> statement-breakpoint
ALTER TABLE "chapters" ADD CONSTRAINT "chapters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_chapter_id_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapters"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_organization_idx" ON "events" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "events_chapter_idx" ON "events" USING btree ("chapter_id");--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_scope_id" CHECK (("role_assignments"."scope_type" = 'system') = ("role_assignments"."scope_id" is null));