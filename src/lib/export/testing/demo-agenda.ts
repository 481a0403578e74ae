import * as Y from 'yjs';
import { initialiseAgenda } from '../../agenda/mutations';
import { readAgenda } from '../../agenda/read';
import { DEMO_AGENDA } from '../../server/db/demo-accounts';
import { fillDemoAgenda } from '../../server/db/demo-agenda';
import type { ParticipationSummary } from '../resolution-draft';

/** The Musterstadt demo as a live document, for tests of the exports. */
export function demoDocument(): Y.Doc {
	const doc = new Y.Doc();
	initialiseAgenda(doc, {
		title: DEMO_AGENDA.title,
		municipality: DEMO_AGENDA.municipality,
		periodStart: DEMO_AGENDA.periodStart,
		periodEnd: DEMO_AGENDA.periodEnd
	});
	fillDemoAgenda(doc, [null, null]);
	return doc;
}

export function readDemo(doc: Y.Doc) {
	const { agenda, problems } = readAgenda(doc);
	if (problems.length > 0) throw new Error(`Demo unlesbar: ${JSON.stringify(problems)}`);
	return agenda;
}

export const SAMPLE_PARTICIPATION: ParticipationSummary = {
	version: { number: 1, name: 'Entwurf zur Bürgerbeteiligung' },
	phase: {
		startsAt: new Date('2026-09-01T06:00:00Z'),
		endsAt: new Date('2026-10-27T22:59:00Z')
	},
	participants: 37,
	comments: 52,
	replies: 14,
	supports: 118,
	answered: 48,
	unanswered: 3,
	dispositions: [
		{ label: 'übernommen', count: 20 },
		{ label: 'teilweise übernommen', count: 8 },
		{ label: 'nicht übernommen', count: 5 },
		{ label: 'zur Kenntnis genommen', count: 15 }
	]
};
