import { error } from '@sveltejs/kit';
import { berlinDay } from '$lib/berlin-time';
import { monitoringCsv } from '$lib/monitoring/csv';
import { parseStichtag } from '$lib/monitoring/stichtag';
import { m } from '$lib/paraglide/messages';
import { agendaAccess } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { currentDecision, resolvedPlan } from '$lib/server/monitoring/decisions';
import { listFacts } from '$lib/server/monitoring/facts';
import type { RequestHandler } from './$types';

/**
 * `GET /api/agendas/<id>/monitoring.csv`: the monitoring facts of the resolved plan in the one
 * format the import reads back (`$lib/monitoring/csv`). Whoever may read the agenda gets the
 * approved facts; members (`monitoring.readAll`) also drafts, submitted and returned ones, with
 * their `zustand`. With `?stichtag=YYYY-MM-DD` only the facts of that day and before (the team's
 * page passes the Stichtag it shows); a malformed day is 400.
 */
export const GET: RequestHandler = (event) => {
	const { agenda, permissions } = agendaAccess(event, 'agenda.read');
	const raw = event.url.searchParams.get('stichtag');
	// Without a day, every fact: the file is also the import's template and a full backup.
	const asked = raw === null ? null : parseStichtag(raw, berlinDay(new Date()));
	if (asked && !asked.ok) error(400, m.progress_report_error_stichtag_invalid());
	const decision = currentDecision(db, agenda.id);
	if (!decision) error(404, m.monitoring_export_no_decision());
	const plan = resolvedPlan(db, decision);
	const facts = listFacts(
		db,
		decision.id,
		permissions['monitoring.readAll'] ? 'all' : 'approved'
	).filter((fact) => !asked?.ok || fact.asOf <= asked.stichtag);
	const titles = new Map<string, string>([
		...plan.measures.map((measure) => [`measure:${measure.id}`, measure.title] as const),
		...plan.inventory.map((item) => [`inventory:${item.id}`, item.title] as const)
	]);
	const csv = monitoringCsv(facts, (kind, id) => titles.get(`${kind}:${id}`) ?? '');
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="Umsetzung-${agenda.slug}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
