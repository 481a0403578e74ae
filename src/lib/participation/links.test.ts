import { describe, expect, it } from 'vitest';
import { resolve } from '$app/paths';
import {
	changesHref,
	commentHref,
	goalHref,
	measureHref,
	participationHref,
	sectionHref
} from './links';

/** The plain paths of links.ts are the ones Kit's `resolve` gives for the same routes. */
describe('participation links', () => {
	const slug = 'musterstadt';
	const base = resolve('/beteiligung/[slug=slug]', { slug });

	it('match the routes, in the current round and with ?fassung= in an earlier one', () => {
		expect(participationHref(slug)).toBe(base);
		expect(measureHref(slug, 'm1', 2)).toBe(
			`${resolve('/beteiligung/[slug=slug]/massnahmen/[measureId=id]', { slug, measureId: 'm1' })}?fassung=2`
		);
		expect(goalHref(slug, 'g1')).toBe(
			resolve('/beteiligung/[slug=slug]/ziele/[goalId=id]', { slug, goalId: 'g1' })
		);
		expect(sectionHref(slug, 'leitbild')).toBe(
			resolve('/beteiligung/[slug=slug]/abschnitte/[section=section]', {
				slug,
				section: 'leitbild'
			})
		);
		expect(changesHref(slug, 1)).toBe(`${base}/aenderungen?fassung=1`);
		expect(commentHref(slug, { kind: 'section', id: 'ausgangslage' }, 'c1', 1)).toBe(
			`${base}/abschnitte/ausgangslage?fassung=1#kommentar-c1`
		);
	});
});
