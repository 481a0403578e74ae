/**
 * What Agendawerk tells people by mail, and what each person may choose for it on `/konto`. One
 * table for the settings form, the unsubscribe page and the senders. Isomorphic.
 */
export const NOTIFICATION_KINDS = {
	/** The AG's answer to one's comment was published. */
	'comment-answered': { audience: 'citizen', choices: ['on', 'off'], default: 'on' },
	/** Somebody replied to one's comment. */
	'comment-replied': { audience: 'citizen', choices: ['on', 'off'], default: 'on' },
	/** One's comment was hidden (with the reason) or released from pre-moderation. */
	'comment-moderated': { audience: 'citizen', choices: ['on', 'off'], default: 'on' },
	/** A round of an agenda one follows opens or is about to end. */
	'round-followed': { audience: 'citizen', choices: ['on', 'off'], default: 'on' },
	/** A measure one follows on its progress page got an approved Sachstand or reached a milestone. */
	'measure-followed': { audience: 'citizen', choices: ['on', 'off'], default: 'on' },
	/**
	 * New comments and reports on one's agenda, for those who answer them (owners, editors): once a
	 * day, or at once (owners only).
	 */
	'agenda-digest': {
		audience: 'member',
		choices: ['daily', 'immediate', 'off'],
		default: 'daily'
	},
	/** A new report waits in moderation (owners). */
	'moderation-report': { audience: 'owner', choices: ['on', 'off'], default: 'on' }
} as const satisfies Record<
	string,
	{ audience: 'citizen' | 'member' | 'owner'; choices: readonly string[]; default: string }
>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export type NotificationChoice<K extends NotificationKind = NotificationKind> =
	(typeof NOTIFICATION_KINDS)[K]['choices'][number];

export const NOTIFICATION_KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

export function isNotificationKind(value: unknown): value is NotificationKind {
	return typeof value === 'string' && Object.hasOwn(NOTIFICATION_KINDS, value);
}

export function isChoiceFor<K extends NotificationKind>(
	kind: K,
	value: unknown
): value is NotificationChoice<K> {
	return (NOTIFICATION_KINDS[kind].choices as readonly unknown[]).includes(value);
}
