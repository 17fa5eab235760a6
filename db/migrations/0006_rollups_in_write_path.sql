-- The read models are kept in the write path (api/src/import/read-models.ts) from now on:
-- statement triggers with transition tables do not run on distributed PostgreSQL (Citus,
-- CockroachDB). The rollup's rows stay as they are: the triggers kept them exact.
DROP TRIGGER IF EXISTS "kpi_response_daily_ins" ON "responses";
--> statement-breakpoint
DROP TRIGGER IF EXISTS "kpi_response_daily_upd" ON "responses";
--> statement-breakpoint
DROP TRIGGER IF EXISTS "kpi_response_daily_del" ON "responses";
--> statement-breakpoint
DROP TRIGGER IF EXISTS "kpi_response_daily_trunc" ON "responses";
--> statement-breakpoint
DROP TRIGGER IF EXISTS "kpi_response_daily_customers_upd" ON "customers";
--> statement-breakpoint
DROP FUNCTION IF EXISTS "kpi_response_daily_on_responses"();
--> statement-breakpoint
DROP FUNCTION IF EXISTS "kpi_response_daily_on_customers"();
--> statement-breakpoint
DROP FUNCTION IF EXISTS "kpi_response_daily_on_truncate"();
--> statement-breakpoint
DROP FUNCTION IF EXISTS "kpi_response_daily_sql"(text);
