import * as Y from 'yjs';
import { resolutionFacts, richSection, topCollection } from '../../agenda/ydoc/layout';
import { initialiseAgenda } from '../../agenda/ydoc/mutations';
import { readAgenda } from '../../agenda/ydoc/read';
import { nestInFragment } from '../../agenda/ydoc/testing/deep-rich-text';
import { DEMO_AGENDA } from '../../server/demo/accounts';
import { fillDemoAgenda } from '../../server/demo/agenda';
import type { ExportDocument } from '../document';
import { resolutionDocument } from '../resolution-document';
import {
	buildResolutionDraft,
	type ParticipationFigures,
	type ParticipationSummary
} from '../resolution-draft';
import { strategyDocument } from '../strategy-document';

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

/** The figures of one closed round, which with one round are also the total. */
const SAMPLE_FIGURES: ParticipationFigures = {
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

/** One closed round: what most tests of the Vorlage need. */
export const SAMPLE_PARTICIPATION: ParticipationSummary = {
	rounds: [
		{
			round: 1,
			version: { number: 1, name: 'Entwurf zur Bürgerbeteiligung' },
			phase: {
				startsAt: new Date('2026-09-01T06:00:00Z'),
				endsAt: new Date('2026-10-27T22:59:00Z')
			},
			state: 'closed',
			...SAMPLE_FIGURES
		}
	],
	total: SAMPLE_FIGURES
};

/**
 * The demo with the Ausgangslage, the first measure's description and the Sachverhalt nested
 * `depth` deep (elements of `type`), as the read layer returns it: clamped to the limit beyond it.
 */
export function deepDemoAgenda(depth: number, type = 'blockquote') {
	const doc = demoDocument();
	const firstMeasure = [...topCollection(doc, 'measures').values()][0];
	const fragments = [
		richSection(doc, 'ausgangslage'),
		firstMeasure?.get('description'),
		resolutionFacts(doc)
	];
	for (const fragment of fragments) {
		if (!(fragment instanceof Y.XmlFragment)) throw new Error('Demo ohne Langtext');
		nestInFragment(fragment, depth, type);
	}
	return readAgenda(doc).agenda;
}

/** The strategy and the Beschlussvorlage of `deepDemoAgenda(depth, type)`, ready to render. */
export function deepDemoDocuments(depth: number, type = 'blockquote'): ExportDocument[] {
	const agenda = deepDemoAgenda(depth, type);
	const source = { kind: 'draft' } as const;
	const generatedAt = new Date('2026-11-23T10:00:00Z');
	return [
		strategyDocument({ agenda, source, participation: null, generatedAt }),
		resolutionDocument(
			buildResolutionDraft({ agenda, source, participation: null, decidingBody: null }),
			generatedAt
		)
	];
}
