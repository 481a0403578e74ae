ALTER TABLE `comments` ADD `anchor` text;--> statement-breakpoint
/* Rounds may not overlap from now on. A phase opened before that rule while an earlier one was
   still running ended the earlier round in effect, as citizens only saw the newer one: write that
   end down, so that the earlier round's dates say what happened. */
UPDATE `participation_phases` SET `ends_at` = (
	SELECT MIN(`later`.`starts_at`) FROM `participation_phases` AS `later`
	WHERE `later`.`agenda_id` = `participation_phases`.`agenda_id`
		AND `later`.`starts_at` > `participation_phases`.`starts_at`
)
WHERE `ends_at` > (
	SELECT MIN(`later`.`starts_at`) FROM `participation_phases` AS `later`
	WHERE `later`.`agenda_id` = `participation_phases`.`agenda_id`
		AND `later`.`starts_at` > `participation_phases`.`starts_at`
);
