CREATE TYPE "public"."below_min" AS ENUM('segment', 'neutral', 'exclude');--> statement-breakpoint
CREATE TYPE "public"."period_kind" AS ENUM('month', 'quarter', 'year');--> statement-breakpoint
CREATE TYPE "public"."period_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."recovery_kind" AS ENUM('apology_call', 'apology_email', 'handwritten_letter', 'meeting', 'gift', 'free_service', 'discount', 'refund');--> statement-breakpoint
CREATE TYPE "public"."response_kind" AS ENUM('nps', 'csat', 'ces');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('executive', 'hr', 'segment_manager', 'agent', 'admin');--> statement-breakpoint
CREATE TYPE "public"."complaint_severity" AS ENUM('low', 'medium', 'high');--> statement-breakpoint
CREATE TYPE "public"."complaint_validity" AS ENUM('valid', 'unfounded', 'pending');--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"role" "role" NOT NULL,
	"employee_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "assumption_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"valid_from" date NOT NULL,
	"values" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "bonus_periods" (
	"id" serial PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"status" "period_status" DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"plan_versions" jsonb,
	"assumption_version_id" integer,
	CONSTRAINT "bonus_periods_period_unique" UNIQUE("period")
);
--> statement-breakpoint
CREATE TABLE "bonus_plan_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"position" integer NOT NULL,
	"kpi" text NOT NULL,
	"weight" double precision NOT NULL,
	"threshold" double precision NOT NULL,
	"target" double precision NOT NULL,
	"stretch" double precision NOT NULL,
	"payout_at_threshold" double precision NOT NULL,
	"cap" double precision NOT NULL,
	"min_sample" integer NOT NULL,
	"below_min" "below_min" NOT NULL,
	CONSTRAINT "bonus_plan_lines_version_pos_uq" UNIQUE("version_id","position")
);
--> statement-breakpoint
CREATE TABLE "bonus_plan_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"valid_from" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	CONSTRAINT "bonus_plan_versions_plan_from_uq" UNIQUE("plan_id","valid_from")
);
--> statement-breakpoint
CREATE TABLE "bonus_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"role" "role" NOT NULL,
	"period_kind" "period_kind" NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	CONSTRAINT "bonus_plans_key_uq" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "bonus_snapshots" (
	"period_id" integer NOT NULL,
	"employee_external_id" text NOT NULL,
	"position" integer NOT NULL,
	"row" jsonb NOT NULL,
	CONSTRAINT "bonus_snapshots_period_id_employee_external_id_pk" PRIMARY KEY("period_id","employee_external_id")
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" serial PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"customer_id" integer NOT NULL,
	"employee_id" integer NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"validity" "complaint_validity" NOT NULL,
	"severity" "complaint_severity" NOT NULL,
	"follow_up_at" timestamp with time zone,
	CONSTRAINT "complaints_external_id_unique" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" serial PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"segment_id" integer NOT NULL,
	"account_manager_id" integer,
	"acquired_on" date NOT NULL,
	"churned_on" date,
	CONSTRAINT "customers_external_id_unique" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "employees" (
	"id" serial PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"role" "role" NOT NULL,
	"segment_id" integer,
	"bonus_target" numeric NOT NULL,
	"currency" text NOT NULL,
	"hired_on" date NOT NULL,
	"left_on" date,
	CONSTRAINT "employees_external_id_unique" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "fx_rates" (
	"month" date NOT NULL,
	"currency" text NOT NULL,
	"rate" numeric NOT NULL,
	CONSTRAINT "fx_rates_month_currency_pk" PRIMARY KEY("month","currency")
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"address" text NOT NULL,
	"success" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recovery_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"complaint_id" integer NOT NULL,
	"kind" "recovery_kind" NOT NULL,
	"cost" numeric NOT NULL,
	"currency" text NOT NULL,
	"performed_at" timestamp with time zone NOT NULL,
	"employee_id" integer NOT NULL,
	CONSTRAINT "recovery_actions_external_id_unique" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"customer_id" integer NOT NULL,
	"employee_id" integer,
	"kind" "response_kind" NOT NULL,
	"score" smallint NOT NULL,
	"responded_at" timestamp with time zone NOT NULL,
	"comment" text,
	CONSTRAINT "responses_external_id_unique" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "revenue" (
	"customer_id" integer NOT NULL,
	"month" date NOT NULL,
	"amount" numeric NOT NULL,
	"currency" text NOT NULL,
	CONSTRAINT "revenue_customer_id_month_pk" PRIMARY KEY("customer_id","month")
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" serial PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"manager_id" integer NOT NULL,
	CONSTRAINT "segments_external_id_unique" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"employee_id" integer,
	"role" "role" NOT NULL,
	"password_hash" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assumption_versions" ADD CONSTRAINT "assumption_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bonus_periods" ADD CONSTRAINT "bonus_periods_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bonus_plan_lines" ADD CONSTRAINT "bonus_plan_lines_version_id_bonus_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."bonus_plan_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bonus_plan_versions" ADD CONSTRAINT "bonus_plan_versions_plan_id_bonus_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."bonus_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bonus_plan_versions" ADD CONSTRAINT "bonus_plan_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bonus_plans" ADD CONSTRAINT "bonus_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bonus_snapshots" ADD CONSTRAINT "bonus_snapshots_period_id_bonus_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."bonus_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_account_manager_id_employees_id_fk" FOREIGN KEY ("account_manager_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employees" ADD CONSTRAINT "employees_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_actions" ADD CONSTRAINT "recovery_actions_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_actions" ADD CONSTRAINT "recovery_actions_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revenue" ADD CONSTRAINT "revenue_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_manager_id_employees_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "bonus_plan_versions_from_idx" ON "bonus_plan_versions" USING btree ("valid_from");--> statement-breakpoint
CREATE INDEX "complaints_opened_idx" ON "complaints" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "complaints_resolved_idx" ON "complaints" USING btree ("resolved_at");--> statement-breakpoint
CREATE INDEX "complaints_customer_idx" ON "complaints" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "complaints_employee_idx" ON "complaints" USING btree ("employee_id");--> statement-breakpoint
CREATE INDEX "customers_segment_idx" ON "customers" USING btree ("segment_id");--> statement-breakpoint
CREATE INDEX "customers_account_manager_idx" ON "customers" USING btree ("account_manager_id");--> statement-breakpoint
CREATE INDEX "employees_segment_idx" ON "employees" USING btree ("segment_id");--> statement-breakpoint
CREATE INDEX "employees_role_idx" ON "employees" USING btree ("role");--> statement-breakpoint
CREATE INDEX "login_attempts_email_idx" ON "login_attempts" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "login_attempts_address_idx" ON "login_attempts" USING btree ("address","at");--> statement-breakpoint
CREATE INDEX "recovery_actions_performed_idx" ON "recovery_actions" USING btree ("performed_at");--> statement-breakpoint
CREATE INDEX "recovery_actions_complaint_idx" ON "recovery_actions" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "responses_kind_time_idx" ON "responses" USING btree ("kind","responded_at");--> statement-breakpoint
CREATE INDEX "responses_employee_time_idx" ON "responses" USING btree ("employee_id","responded_at");--> statement-breakpoint
CREATE INDEX "responses_customer_time_idx" ON "responses" USING btree ("customer_id","responded_at");--> statement-breakpoint
CREATE INDEX "segments_manager_idx" ON "segments" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");