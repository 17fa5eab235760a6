-- Daily rollup of survey responses for the KPI engine (api/src/kpis/queries.ts): counts
-- per UTC day, current customer segment and employee (0 = none). Statement-level
-- triggers on responses and customers keep it exact on every write, so no writer has to
-- remember to refresh it, and a dashboard call reads days instead of single responses.
CREATE TABLE "kpi_response_daily" (
	"day" date NOT NULL,
	"segment_id" integer NOT NULL,
	"employee_id" integer NOT NULL,
	"nps_n" integer NOT NULL,
	"promoters" integer NOT NULL,
	"detractors" integer NOT NULL,
	"csat_n" integer NOT NULL,
	"csat_good" integer NOT NULL,
	"ces_n" integer NOT NULL,
	"ces_sum" bigint NOT NULL,
	CONSTRAINT "kpi_response_daily_pk" PRIMARY KEY ("day", "segment_id", "employee_id")
);
--> statement-breakpoint
CREATE INDEX "kpi_response_daily_employee_idx" ON "kpi_response_daily" ("employee_id", "day");
--> statement-breakpoint
CREATE INDEX "kpi_response_daily_segment_idx" ON "kpi_response_daily" ("segment_id", "day");
--> statement-breakpoint
-- The statement that adds signed response rows (a query text with columns sign,
-- responded_at, segment_id, employee_id, kind, score) into the rollup. The trigger
-- functions EXECUTE it themselves: only they see their transition tables.
CREATE FUNCTION "kpi_response_daily_sql"(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT 'INSERT INTO kpi_response_daily AS d
	SELECT (x.responded_at AT TIME ZONE ''UTC'')::date, x.segment_id, coalesce(x.employee_id, 0),
		sum(x.sign * (x.kind = ''nps'')::int),
		sum(x.sign * (x.kind = ''nps'' AND x.score >= 9)::int),
		sum(x.sign * (x.kind = ''nps'' AND x.score <= 6)::int),
		sum(x.sign * (x.kind = ''csat'')::int),
		sum(x.sign * (x.kind = ''csat'' AND x.score >= 4)::int),
		sum(x.sign * (x.kind = ''ces'')::int),
		sum(x.sign * CASE WHEN x.kind = ''ces'' THEN x.score ELSE 0 END)
	FROM (' || source || ') x
	GROUP BY 1, 2, 3
	ON CONFLICT ("day", "segment_id", "employee_id") DO UPDATE SET
		nps_n = d.nps_n + excluded.nps_n,
		promoters = d.promoters + excluded.promoters,
		detractors = d.detractors + excluded.detractors,
		csat_n = d.csat_n + excluded.csat_n,
		csat_good = d.csat_good + excluded.csat_good,
		ces_n = d.ces_n + excluded.ces_n,
		ces_sum = d.ces_sum + excluded.ces_sum'
$$;
--> statement-breakpoint
CREATE FUNCTION "kpi_response_daily_on_responses"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	added text := 'SELECT 1 AS sign, n.responded_at, c.segment_id, n.employee_id, n.kind, n.score
		FROM new_rows n JOIN customers c ON c.id = n.customer_id';
	removed text := 'SELECT -1 AS sign, o.responded_at, c.segment_id, o.employee_id, o.kind, o.score
		FROM old_rows o JOIN customers c ON c.id = o.customer_id';
BEGIN
	IF TG_OP = 'INSERT' THEN
		EXECUTE kpi_response_daily_sql(added);
	ELSIF TG_OP = 'DELETE' THEN
		EXECUTE kpi_response_daily_sql(removed);
	ELSE
		EXECUTE kpi_response_daily_sql(added || ' UNION ALL ' || removed);
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
-- A customer moving to another segment takes its responses along (segment membership
-- is the current value, applied to all history).
CREATE FUNCTION "kpi_response_daily_on_customers"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE kpi_response_daily_sql('SELECT s.sign, r.responded_at, s.segment_id, r.employee_id, r.kind, r.score
		FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.segment_id <> n.segment_id
		CROSS JOIN LATERAL (VALUES (1, n.segment_id), (-1, o.segment_id)) s(sign, segment_id)
		JOIN responses r ON r.customer_id = n.id');
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "kpi_response_daily_on_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	TRUNCATE kpi_response_daily;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "kpi_response_daily_ins" AFTER INSERT ON "responses"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_response_daily_on_responses();
--> statement-breakpoint
CREATE TRIGGER "kpi_response_daily_upd" AFTER UPDATE ON "responses"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_response_daily_on_responses();
--> statement-breakpoint
CREATE TRIGGER "kpi_response_daily_del" AFTER DELETE ON "responses"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_response_daily_on_responses();
--> statement-breakpoint
CREATE TRIGGER "kpi_response_daily_trunc" AFTER TRUNCATE ON "responses"
	FOR EACH STATEMENT EXECUTE FUNCTION kpi_response_daily_on_truncate();
--> statement-breakpoint
CREATE TRIGGER "kpi_response_daily_customers_upd" AFTER UPDATE ON "customers"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_response_daily_on_customers();
--> statement-breakpoint
-- existing responses
DO $$ BEGIN EXECUTE kpi_response_daily_sql('SELECT 1 AS sign, r.responded_at, c.segment_id, r.employee_id, r.kind, r.score
	FROM responses r JOIN customers c ON c.id = r.customer_id'); END $$;
