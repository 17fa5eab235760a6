CREATE TYPE "public"."contact_channel" AS ENUM('call', 'email', 'meeting', 'message', 'letter');--> statement-breakpoint
CREATE TYPE "public"."contact_outcome" AS ENUM('reached', 'no_answer', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."token_kind" AS ENUM('api', 'ingest');--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"response_id" integer,
	"complaint_id" integer,
	"employee_id" integer NOT NULL,
	"contacted_at" timestamp with time zone NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"outcome" "contact_outcome" NOT NULL,
	"note" text,
	CONSTRAINT "contacts_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "contacts_one_subject" CHECK (num_nonnulls("contacts"."response_id", "contacts"."complaint_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "ingest_requests" (
	"key" text PRIMARY KEY NOT NULL,
	"endpoint" text NOT NULL,
	"body_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "kind" "token_kind" DEFAULT 'api' NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "created_by" integer;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_response_idx" ON "contacts" USING btree ("response_id");--> statement-breakpoint
CREATE INDEX "contacts_complaint_idx" ON "contacts" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "contacts_employee_time_idx" ON "contacts" USING btree ("employee_id","contacted_at");--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;