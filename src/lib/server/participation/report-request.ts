import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { agendaAccess } from '../agendas/access';
import { db } from '../db';
import { fassungNumber } from './fassung-number';
import { participationReport, type ParticipationReport } from './report';

/**
 * The Beteiligungsbericht a request asks for (`?fassung=<n>`, else the current phase's Fassung),
 * for members with `export.download`: 400 for a malformed number, 404 for an unknown Fassung.
 * `report` is null only when no Fassung was asked for and none is under participation.
 */
export async function requestedReport(event: RequestEvent<{ id: string }>): Promise<{
	agenda: { id: string; slug: string; title: string };
	report: ParticipationReport | null;
}> {
	const { agenda } = await agendaAccess(event, 'export.download');
	const number = fassungNumber(event.url.searchParams.get('fassung'), m.report_error_param());
	const report = await participationReport(db, agenda.id, number ?? undefined);
	if (!report && number !== null) error(404, m.report_error_version());
	return { agenda: { id: agenda.id, slug: agenda.slug, title: agenda.title }, report };
}

/** For downloads: the report, or 404 when there is no Fassung to report on. */
export async function requiredReport(
	event: RequestEvent<{ id: string }>
): Promise<ParticipationReport> {
	const { report } = await requestedReport(event);
	if (!report) error(404, m.report_error_none());
	return report;
}
