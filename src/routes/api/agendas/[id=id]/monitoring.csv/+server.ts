import { error } from '@sveltejs/kit';
import { monitoringCsv } from '$lib/monitoring/csv';
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
 * their `zustand`.
 */
export const GET: RequestHandler = (event) => {
	const { agenda, permissions } = agendaAccess(event, 'agenda.read');
	const decision = currentDecision(db, agenda.id);
	if (!decision) error(404, m.monitoring_export_no_decision());
	const plan = resolvedPlan(db, decision);
	const facts = listFacts(db, decision.id, permissions['monitoring.readAll'] ? 'all' : 'approved');
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
