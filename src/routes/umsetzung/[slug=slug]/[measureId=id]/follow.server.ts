/**
 * Following one measure on its progress page: a mail when a Sachstand about it is approved, its
 * status changes or a milestone is reached (`measure-followed`). Only a public agenda's measures
 * can be followed (`hasPublicProgress`), only measures of the resolved plan, and only with a
 * confirmed address, like commenting. Not rate-limited: a follow is one row per person and
 * measure, and sends nothing by itself.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { hasPublicProgress } from '$lib/monitoring/links';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { addressUnconfirmed } from '$lib/server/forms/address-unconfirmed';
import {
	followMeasure,
	isFollowingMeasure,
	unfollowMeasure,
	type MeasureRef
} from '$lib/server/notifications/measure-follows';
import { requireProgress } from '../progress.server';

type MeasureEvent = RequestEvent<{ slug: string; measureId: string }>;

/** The measure of the page if it may be followed; 404 otherwise (as the page itself would). */
async function followableMeasure(event: MeasureEvent): Promise<MeasureRef | null> {
	const { agenda, overview } = await requireProgress(event);
	if (!overview.plan.measures.some((measure) => measure.id === event.params.measureId)) {
		error(404, m.monitoring_public_error_measure_not_found());
	}
	if (!hasPublicProgress(agenda, true)) return null;
	return { agendaId: agenda.id, measureId: event.params.measureId };
}

/** What the follow form shows; null: this measure cannot be followed (an internal agenda). */
export async function followData(event: MeasureEvent) {
	const ref = await followableMeasure(event);
	if (!ref) return null;
	const user = event.locals.user;
	return {
		loggedIn: user !== null,
		unconfirmedEmail: user && user.emailConfirmedAt === null ? user.email : null,
		following: user !== null && (await isFollowingMeasure(db, user.id, ref))
	};
}

async function change(event: MeasureEvent, follow: boolean) {
	const user = requireUser(event);
	const ref = await followableMeasure(event);
	if (!ref) error(404, m.monitoring_public_error_not_found());
	const action = follow ? 'follow' : 'unfollow';
	if (follow) {
		const unconfirmed = addressUnconfirmed(user, action);
		if (unconfirmed) return unconfirmed;
		await followMeasure(db, user.id, ref);
	} else {
		await unfollowMeasure(db, user.id, ref);
	}
	return { action, success: follow ? m.measure_followed() : m.measure_unfollowed() };
}

export const followActions = {
	follow: (event: MeasureEvent) => change(event, true),
	unfollow: (event: MeasureEvent) => change(event, false)
};
