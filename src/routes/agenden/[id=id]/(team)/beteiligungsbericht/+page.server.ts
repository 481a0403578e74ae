import { participationSummary } from '$lib/export/participation-summary';
import { db } from '$lib/server/db';
import { requestedReport } from '$lib/server/participation/report-request';
import { participationRounds } from '$lib/server/participation/rounds';
import { listVersions } from '$lib/server/participation/versions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agenda, report } = await requestedReport(event);
	const generatedAt = new Date();
	const rounds = await participationRounds(db, agenda.id, { now: generatedAt.getTime() });
	const summary = rounds ? participationSummary(rounds) : null;
	return {
		versions: listVersions(db, agenda.id).map(({ number, name }) => ({ number, name })),
		/** Every round begun so far and their total, above the detail of one Fassung. */
		rounds: summary && {
			rounds: summary.rounds.map(withoutDispositions),
			total: withoutDispositions(summary.total)
		},
		report,
		generatedAt
	};
};

/** The counts only: the table shows no dispositions, and their labels are German. */
function withoutDispositions<T extends { dispositions: unknown }>(
	figures: T
): Omit<T, 'dispositions'> {
	const counts: Partial<T> = { ...figures };
	delete counts.dispositions;
	return counts as Omit<T, 'dispositions'>;
}
