CREATE TABLE "accounts" (
	"platform" text NOT NULL,
	"account_id" text NOT NULL,
	"trainee_id" integer NOT NULL,
	"bound_at" timestamp with time zone DEFAULT now() NOT NULL,
	"bound_by" text NOT NULL,
	CONSTRAINT "accounts_platform_account_id_pk" PRIMARY KEY("platform","account_id")
);
--> statement-breakpoint
CREATE TABLE "chats" (
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"level" text,
	"campaign_id" text NOT NULL,
	"bound_by" text,
	"bound_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chats_platform_chat_id_pk" PRIMARY KEY("platform","chat_id")
);
--> statement-breakpoint
CREATE TABLE "nickname_observations" (
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"account_id" text NOT NULL,
	"nickname" text NOT NULL,
	"compliant" boolean NOT NULL,
	"trainee_id" integer,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"seen_count" integer DEFAULT 1 NOT NULL,
	"last_warned_at" timestamp with time zone,
	CONSTRAINT "nickname_observations_platform_chat_id_account_id_pk" PRIMARY KEY("platform","chat_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "processed_messages" (
	"platform" text NOT NULL,
	"message_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_messages_platform_message_id_pk" PRIMARY KEY("platform","message_id")
);
--> statement-breakpoint
CREATE TABLE "trainees" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"level" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"phone_tail" text DEFAULT '' NOT NULL,
	"id_masked" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"id" serial PRIMARY KEY NOT NULL,
	"session_id" integer NOT NULL,
	"trainee_id" integer NOT NULL,
	"source" text NOT NULL,
	"minutes" integer,
	"hours" numeric(6, 1) NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target" text DEFAULT '' NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"allowed" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exams" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"trainee_id" integer NOT NULL,
	"subject" text NOT NULL,
	"score" numeric(5, 1) NOT NULL,
	"passed" boolean NOT NULL,
	"source" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exemptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"trainee_id" integer NOT NULL,
	"reason" text NOT NULL,
	"approval_ref" text NOT NULL,
	"approved_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "hour_adjustments" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"trainee_id" integer NOT NULL,
	"subject" text NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"reason" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"title" text NOT NULL,
	"level" text,
	"subject" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"credit_rule" text NOT NULL,
	"threshold_percent" integer,
	"platform" text,
	"chat_id" text,
	"closed_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "failed_messages" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"private" boolean DEFAULT false NOT NULL,
	"text" text NOT NULL,
	"reason" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "admin_reminders" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"platform" text,
	"chat_id" text,
	"level" text,
	"text" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text
);
--> statement-breakpoint
CREATE TABLE "reminder_deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"reminder_key" text NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"target" text NOT NULL,
	"kind" text NOT NULL,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"private" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"claimed_by" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"valid_until" timestamp with time zone NOT NULL,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_trainee_id_trainees_id_fk" FOREIGN KEY ("trainee_id") REFERENCES "public"."trainees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_trainee_id_trainees_id_fk" FOREIGN KEY ("trainee_id") REFERENCES "public"."trainees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exams" ADD CONSTRAINT "exams_trainee_id_trainees_id_fk" FOREIGN KEY ("trainee_id") REFERENCES "public"."trainees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemptions" ADD CONSTRAINT "exemptions_trainee_id_trainees_id_fk" FOREIGN KEY ("trainee_id") REFERENCES "public"."trainees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_adjustments" ADD CONSTRAINT "hour_adjustments_trainee_id_trainees_id_fk" FOREIGN KEY ("trainee_id") REFERENCES "public"."trainees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_trainee" ON "accounts" USING btree ("trainee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trainees_identity" ON "trainees" USING btree ("campaign_id","name_key","unit","phone_tail");--> statement-breakpoint
CREATE INDEX "trainees_level" ON "trainees" USING btree ("campaign_id","level");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_once" ON "attendance" USING btree ("session_id","trainee_id");--> statement-breakpoint
CREATE INDEX "attendance_trainee" ON "attendance" USING btree ("trainee_id");--> statement-breakpoint
CREATE INDEX "audit_at" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_action" ON "audit_log" USING btree ("action");--> statement-breakpoint
CREATE UNIQUE INDEX "exams_once" ON "exams" USING btree ("campaign_id","trainee_id","subject");--> statement-breakpoint
CREATE UNIQUE INDEX "exemptions_once" ON "exemptions" USING btree ("campaign_id","trainee_id");--> statement-breakpoint
CREATE INDEX "adjust_trainee" ON "hour_adjustments" USING btree ("trainee_id");--> statement-breakpoint
CREATE INDEX "sessions_campaign" ON "sessions" USING btree ("campaign_id","starts_at");--> statement-breakpoint
CREATE INDEX "failed_messages_at" ON "failed_messages" USING btree ("at");--> statement-breakpoint
CREATE INDEX "admin_reminders_due" ON "admin_reminders" USING btree ("campaign_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_deliveries_once" ON "reminder_deliveries" USING btree ("reminder_key","target","slot");--> statement-breakpoint
CREATE INDEX "reminder_deliveries_pending" ON "reminder_deliveries" USING btree ("status","next_attempt_at");