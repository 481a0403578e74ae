import { m } from '$lib/paraglide/messages';
import type { NotificationKind } from './kinds';

/** How the settings form and the unsubscribe page name each kind of notification. */
export const NOTIFICATION_KIND_LABELS: Record<
	NotificationKind,
	{ label: () => string; hint: () => string }
> = {
	'comment-answered': {
		label: m.notifications_kind_comment_answered,
		hint: m.notifications_kind_comment_answered_hint
	},
	'comment-replied': {
		label: m.notifications_kind_comment_replied,
		hint: m.notifications_kind_comment_replied_hint
	},
	'comment-moderated': {
		label: m.notifications_kind_comment_moderated,
		hint: m.notifications_kind_comment_moderated_hint
	},
	'round-followed': {
		label: m.notifications_kind_round_followed,
		hint: m.notifications_kind_round_followed_hint
	},
	'measure-followed': {
		label: m.notifications_kind_measure_followed,
		hint: m.notifications_kind_measure_followed_hint
	},
	'agenda-digest': {
		label: m.notifications_kind_agenda_digest,
		hint: m.notifications_kind_agenda_digest_hint
	},
	'moderation-report': {
		label: m.notifications_kind_moderation_report,
		hint: m.notifications_kind_moderation_report_hint
	}
};

const CHOICE_LABELS: Record<string, () => string> = {
	on: m.notifications_choice_on,
	off: m.notifications_choice_off,
	daily: m.notifications_choice_daily,
	immediate: m.notifications_choice_immediate
};

/** The label of one choice (`on`, `off`, `daily`, `immediate`). */
export function notificationChoiceLabel(choice: string): string {
	return CHOICE_LABELS[choice]?.() ?? choice;
}
