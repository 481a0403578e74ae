import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { formatMoment } from '$lib/format';
import { inTransaction } from '../db/connection';
import { agendaFollows, agendas } from '../db/schema';
import { publicRounds, type Round } from '../participation/phases';
import { followersOf } from './follows';
import { notifyOnce, type Notification } from './notify';
import type { NotificationJob } from './scheduler';

const HOUR_MS = 60 * 60 * 1000;
/** A round is news for a day: a follower who comes later is not told about old rounds. */
export const ROUND_OPENED_WINDOW_MS = 24 * HOUR_MS;
/** Followers hear that a round is about to end this long before its end. */
export const ROUND_ENDING_NOTICE_MS = 48 * HOUR_MS;

interface FollowedAgenda {
	id: string;
	slug: string;
	title: string;
	municipality: string;
}

type RoundEvent = 'opened' | 'ending';

/** What a follower of the agenda is told about this round at `now`. */
function roundEvents({ phase, state }: Round, now: number): RoundEvent[] {
	if (state !== 'open') return [];
	const events: RoundEvent[] = [];
	if (now - phase.startsAt.getTime() < ROUND_OPENED_WINDOW_MS) events.push('opened');
	if (phase.endsAt.getTime() - now <= ROUND_ENDING_NOTICE_MS) events.push('ending');
	return events;
}

/**
 * Tells the followers of each agenda (`agendaFollows`) that one of its rounds opened (within the
 * last day) or ends within 48 hours, once per person and round (`notifyOnce`), kind
 * `round-followed`. The rounds are the public ones (`publicRounds`): nobody hears of a round
 * before citizens can see it.
 */
export const notifyFollowedRounds: NotificationJob = async function notifyFollowedRounds(
	db,
	{ now, origin }
) {
	const followed = await db
		.selectDistinct({
			id: agendas.id,
			slug: agendas.slug,
			title: agendas.title,
			municipality: agendas.municipality
		})
		.from(agendaFollows)
		.innerJoin(agendas, eq(agendas.id, agendaFollows.agendaId));
	for (const agenda of followed) {
		const due = (await publicRounds(db, agenda.id, now)).flatMap((round) =>
			roundEvents(round, now).map((event) => ({ round, event }))
		);
		if (due.length === 0) continue;
		// One agenda's mails in one transaction: queued and marked sent together, or not at all.
		await inTransaction(db, async (tx) => {
			for (const { userId } of await followersOf(tx, agenda.id)) {
				for (const { round, event } of due) {
					await notifyOnce(tx, roundNotification(userId, agenda, round, event), origin, now);
				}
			}
		});
	}
};

function roundNotification(
	userId: string,
	agenda: FollowedAgenda,
	{ round, phase, version }: Round,
	event: RoundEvent
): Notification {
	return {
		userId,
		kind: 'round-followed',
		eventKey: `round-${event}:${phase.id}`,
		compose: ({ locale }, origin) => {
			const params = {
				title: agenda.title,
				municipality: agenda.municipality,
				round,
				...formatMoment(phase.endsAt, locale)
			};
			return {
				subject:
					event === 'opened'
						? m.mail_round_opened_subject(params, { locale })
						: m.mail_round_ending_subject(params, { locale }),
				paragraphs: [
					event === 'opened'
						? m.mail_round_opened_intro(params, { locale })
						: m.mail_round_ending_intro(params, { locale })
				],
				// The round's own page (`?fassung=`), which stays that round's after the next begins.
				action: {
					label: m.mail_round_action({}, { locale }),
					url: `${origin}/beteiligung/${agenda.slug}?fassung=${version.number}`
				},
				reason: m.mail_round_reason({ title: agenda.title }, { locale })
			};
		}
	};
}
