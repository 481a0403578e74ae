/**
 * What every public progress page needs: the agenda of the slug, if this visitor may read it
 * (`agenda.read`: a public agenda for anyone, an internal one only for its members), its current
 * council decision, and the monitoring overview at the Stichtag from approved facts only. 404
 * when any of these is missing, so that an internal agenda is not even said to exist.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { berlinDay } from '$lib/berlin-time';
import { parseStichtag } from '$lib/monitoring/stichtag';
import { m } from '$lib/paraglide/messages';
import { can } from '$lib/permissions';
import { agendaActor } from '$lib/server/agendas/access';
import { getAgendaBySlug } from '$lib/server/agendas/agendas';
import { db } from '$lib/server/db';
import { oncePerRequest } from '$lib/server/once-per-request';
import type { Agenda as AgendaRow } from '$lib/server/db/schema';
import { monitoringOverview, type MonitoringOverview } from '$lib/server/monitoring/overview';
import { versionNumberOf } from '$lib/server/participation/versions';

export interface PublicProgress {
	agenda: AgendaRow;
	overview: MonitoringOverview;
	/** The Stichtag asked for in the address; null: today in Berlin. */
	requestedStichtag: string | null;
	/** The number of the Fassung the council resolved. */
	versionNumber: number;
}

/** Layout and page both ask; the overview is computed once per request. */
export const requireProgress = oncePerRequest(loadProgress);

async function loadProgress(event: RequestEvent<{ slug: string }>): Promise<PublicProgress> {
	const raw = event.url.searchParams.get('stichtag');
	const asked = parseStichtag(raw, berlinDay(new Date()));
	if (!asked.ok) error(400, m.monitoring_public_error_stichtag());
	// Only a day the reader chose is kept in the page's links.
	const requestedStichtag = raw === null || raw === '' ? null : asked.stichtag;
	const agenda = await getAgendaBySlug(db, event.params.slug);
	if (!agenda || !can(await agendaActor(event.locals.user, agenda.id), 'agenda.read', agenda)) {
		error(404, m.monitoring_public_error_not_found());
	}
	const stichtag = asked.stichtag;
	// Only approved facts, whoever looks: the team's drafts belong on the team's pages.
	const overview = await monitoringOverview(db, agenda.id, stichtag, 'approved');
	if (!overview) error(404, m.monitoring_public_error_not_found());
	return {
		agenda,
		overview,
		requestedStichtag,
		versionNumber: (await versionNumberOf(db, overview.decision.versionId)) ?? 0
	};
}

/** The head of every progress page. */
export function headerData({ agenda, overview, requestedStichtag, versionNumber }: PublicProgress) {
	const { decision } = overview;
	return {
		agenda: { slug: agenda.slug, title: agenda.title, municipality: agenda.municipality },
		decision: {
			decidedOn: decision.decidedOn,
			number: decision.number,
			result: decision.result,
			oparlUrl: decision.oparlUrl,
			versionNumber
		},
		stichtag: overview.stichtag,
		requestedStichtag
	};
}
