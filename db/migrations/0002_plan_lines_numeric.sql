ALTER TABLE "bonus_plan_lines" ALTER COLUMN "weight" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "bonus_plan_lines" ALTER COLUMN "threshold" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "bonus_plan_lines" ALTER COLUMN "target" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "bonus_plan_lines" ALTER COLUMN "stretch" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "bonus_plan_lines" ALTER COLUMN "payout_at_threshold" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "bonus_plan_lines" ALTER COLUMN "cap" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "bonus_plan_lines" ADD COLUMN "shrink" numeric DEFAULT '0' NOT NULL;