CREATE TYPE "public"."dispute_status" AS ENUM('open', 'accepted', 'rejected');--> statement-breakpoint
ALTER TYPE "public"."period_status" ADD VALUE 'submitted' BEFORE 'closed';--> statement-breakpoint
ALTER TYPE "public"."period_status" ADD VALUE 'approved' BEFORE 'closed';--> statement-breakpoint
CREATE TABLE "bonus_adjustments" (
	"id" serial PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"employee_external_id" text NOT NULL,
	"dispute_id" integer,
	"amount" numeric NOT NULL,
	"currency" text NOT NULL,
	"reason" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bonus_adjustments_dispute_id_unique" UNIQUE("dispute_id")
);
--> statement-breakpoint
CREATE TABLE "bonus_disputes" (
	"id" serial PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"employee_external_id" text NOT NULL,
	"line" text NOT NULL,
	"comment" text NOT NULL,
	"status" "dispute_status" DEFAULT 'open' NOT NULL,
	"raised_by" text NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"reply" text
);
--> statement-breakpoint
ALTER TABLE "bonus_periods" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bonus_periods" ADD COLUMN "submitted_by" text;--> statement-breakpoint
ALTER TABLE "bonus_periods" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bonus_periods" ADD COLUMN "approved_by" text;--> statement-breakpoint
ALTER TABLE "bonus_periods" ADD COLUMN "fingerprint" text;--> statement-breakpoint
ALTER TABLE "bonus_periods" ADD COLUMN "run_totals" jsonb;--> statement-breakpoint
ALTER TABLE "bonus_periods" ADD COLUMN "reopen_reason" text;--> statement-breakpoint
ALTER TABLE "bonus_periods" ADD COLUMN "reopened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bonus_adjustments" ADD CONSTRAINT "bonus_adjustments_dispute_id_bonus_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."bonus_disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bonus_adjustments_period_idx" ON "bonus_adjustments" USING btree ("period","employee_external_id");--> statement-breakpoint
CREATE INDEX "bonus_disputes_period_idx" ON "bonus_disputes" USING btree ("period","employee_external_id");