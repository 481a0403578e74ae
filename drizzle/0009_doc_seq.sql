PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_doc_updates` (
	`agenda_id` text NOT NULL,
	`seq` integer NOT NULL,
	`update` blob NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`agenda_id`, `seq`),
	FOREIGN KEY (`agenda_id`) REFERENCES `agendas`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_doc_updates`("agenda_id", "seq", "update", "created_at") SELECT "agenda_id", "seq", "update", "created_at" FROM `doc_updates`;--> statement-breakpoint
DROP TABLE `doc_updates`;--> statement-breakpoint
ALTER TABLE `__new_doc_updates` RENAME TO `doc_updates`;--> statement-breakpoint
PRAGMA foreign_keys=ON;