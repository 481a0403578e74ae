CREATE TABLE `council_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`agenda_id` text NOT NULL,
	`version_id` text NOT NULL,
	`decided_on` text NOT NULL,
	`number` text NOT NULL,
	`result` text NOT NULL,
	`oparl_url` text,
	`recorded_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`agenda_id`) REFERENCES `agendas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `council_decisions_version_id_unique` ON `council_decisions` (`version_id`);--> statement-breakpoint
CREATE INDEX `council_decisions_agenda_idx` ON `council_decisions` (`agenda_id`,`decided_on`);--> statement-breakpoint
CREATE TABLE `monitoring_facts` (
	`id` text PRIMARY KEY NOT NULL,
	`decision_id` text NOT NULL,
	`item_kind` text NOT NULL,
	`item_id` text NOT NULL,
	`kind` text NOT NULL,
	`as_of` text NOT NULL,
	`status` text,
	`status_reason` text,
	`progress` integer,
	`text` text,
	`milestone_id` text,
	`indicator_id` text,
	`value` real,
	`year` integer,
	`actual_cost_cents` integer,
	`funding_received_cents` integer,
	`state` text DEFAULT 'draft' NOT NULL,
	`remark` text,
	`author_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	`decided_by` text,
	`decided_at` integer,
	FOREIGN KEY (`decision_id`) REFERENCES `council_decisions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "monitoring_facts_kind_values" CHECK(("monitoring_facts"."kind" = 'report' and "monitoring_facts"."status" is not null and "monitoring_facts"."text" is not null)
				or ("monitoring_facts"."kind" = 'milestone' and "monitoring_facts"."milestone_id" is not null)
				or ("monitoring_facts"."kind" = 'indicator' and "monitoring_facts"."indicator_id" is not null and "monitoring_facts"."value" is not null)
				or ("monitoring_facts"."kind" = 'finance' and "monitoring_facts"."year" is not null
					and "monitoring_facts"."actual_cost_cents" is not null and "monitoring_facts"."funding_received_cents" is not null)),
	CONSTRAINT "monitoring_facts_progress_range" CHECK("monitoring_facts"."progress" is null or "monitoring_facts"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE INDEX `monitoring_facts_item_idx` ON `monitoring_facts` (`decision_id`,`item_id`,`as_of`);--> statement-breakpoint
CREATE INDEX `monitoring_facts_state_idx` ON `monitoring_facts` (`decision_id`,`state`);--> statement-breakpoint
CREATE TABLE `monitoring_weights` (
	`decision_id` text NOT NULL,
	`measure_id` text NOT NULL,
	`weight` real NOT NULL,
	PRIMARY KEY(`decision_id`, `measure_id`),
	FOREIGN KEY (`decision_id`) REFERENCES `council_decisions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "monitoring_weights_range" CHECK("monitoring_weights"."weight" >= 0 and "monitoring_weights"."weight" <= 1000)
);
