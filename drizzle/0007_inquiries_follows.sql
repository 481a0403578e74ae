CREATE TABLE `inquiries` (
	`id` text PRIMARY KEY NOT NULL,
	`agenda_id` text NOT NULL,
	`title` text NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	`asked_by` text DEFAULT '' NOT NULL,
	`received_on` text,
	`stichtag` text NOT NULL,
	`oparl_url` text,
	`answer_reference` text DEFAULT '' NOT NULL,
	`preamble` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`agenda_id`) REFERENCES `agendas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `inquiries_agenda_idx` ON `inquiries` (`agenda_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `inquiry_questions` (
	`id` text PRIMARY KEY NOT NULL,
	`inquiry_id` text NOT NULL,
	`position` integer NOT NULL,
	`question` text NOT NULL,
	`item_ids` text DEFAULT '[]' NOT NULL,
	`answer` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`inquiry_id`) REFERENCES `inquiries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `inquiry_questions_inquiry_idx` ON `inquiry_questions` (`inquiry_id`,`position`);--> statement-breakpoint
CREATE TABLE `measure_follows` (
	`user_id` text NOT NULL,
	`agenda_id` text NOT NULL,
	`measure_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`user_id`, `agenda_id`, `measure_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_id`) REFERENCES `agendas`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `measure_follows_measure_idx` ON `measure_follows` (`agenda_id`,`measure_id`);