import { error, type RequestEvent } from '@sveltejs/kit';
import type { MonitoringFact } from '../../monitoring/facts';
import type { MonitoredKind } from '../../monitoring/vocabulary';
import { berlinDay } from '$lib/berlin-time';
import { parseStichtag } from '$lib/monitoring/stichtag';
import { m } from '$lib/paraglide/messages';
import { agendaAccess } from '../agendas/access';
import { db } from '../db';
import { currentDecision, resolvedPlan } from './decisions';
import { listFacts } from './facts';

/**
 * What `monitoring.csv` and `monitoring.xlsx` export, with the same rights: whoever may read the
 * agenda gets the approved facts; members (`monitoring.readAll`) also drafts, submitted and
 * returned ones, with their `zustand`. Without a council decision there is nothing: 404. With
 * `?stichtag=YYYY-MM-DD` only the facts of that day and before (the team's page passes the
 * Stichtag it shows); a malformed day is 400. Without one, every fact: the file is also the
 * import's template and a full backup.
 */
export async function monitoringExportData(event: RequestEvent<{ id: string }>): Promise<{
	slug: string;
	facts: MonitoringFact[];
	titleOf: (itemKind: MonitoredKind, itemId: string) => string;
}> {
	const { agenda, permissions } = await agendaAccess(event, 'agenda.read');
	const raw = event.url.searchParams.get('stichtag');
	const asked = raw === null ? null : parseStichtag(raw, berlinDay(new Date()));
	if (asked && !asked.ok) error(400, m.progress_report_error_stichtag_invalid());
	const decision = await currentDecision(db, agenda.id);
	if (!decision) error(404, m.monitoring_export_no_decision());
	const plan = await resolvedPlan(db, decision);
	const facts = (
		await listFacts(db, decision.id, permissions['monitoring.readAll'] ? 'all' : 'approved')
	).filter((fact) => !asked?.ok || fact.asOf <= asked.stichtag);
	const titles = new Map<string, string>([
		...plan.measures.map((measure) => [`measure:${measure.id}`, measure.title] as const),
		...plan.inventory.map((item) => [`inventory:${item.id}`, item.title] as const)
	]);
	return {
		slug: agenda.slug,
		facts,
		titleOf: (kind, id) => titles.get(`${kind}:${id}`) ?? ''
	};
}
