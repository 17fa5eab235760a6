CREATE TYPE "public"."case_close_reason" AS ENUM('recovered', 'not_reachable', 'declined', 'unfounded');--> statement-breakpoint
CREATE TYPE "public"."case_event" AS ENUM('reassigned', 'closed', 'reopened');--> statement-breakpoint
CREATE TYPE "public"."case_subject" AS ENUM('response', 'complaint');--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subject" "case_subject" NOT NULL,
	"subject_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"event" "case_event" NOT NULL,
	"owner_id" integer,
	"reason" "case_close_reason",
	"note" text
);
--> statement-breakpoint
CREATE TABLE "case_states" (
	"subject" "case_subject" NOT NULL,
	"subject_id" integer NOT NULL,
	"owner_id" integer,
	"closed_at" timestamp with time zone,
	"close_reason" "case_close_reason",
	"closed_by" integer,
	"close_note" text,
	CONSTRAINT "case_states_subject_subject_id_pk" PRIMARY KEY("subject","subject_id"),
	CONSTRAINT "case_states_closed_whole" CHECK (("case_states"."closed_at" is null) = ("case_states"."close_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_owner_id_employees_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_states" ADD CONSTRAINT "case_states_owner_id_employees_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_states" ADD CONSTRAINT "case_states_closed_by_employees_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_subject_idx" ON "case_events" USING btree ("subject","subject_id","at");--> statement-breakpoint
CREATE INDEX "case_states_owner_idx" ON "case_states" USING btree ("owner_id");