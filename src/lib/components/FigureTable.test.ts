import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { formatEuro } from '$lib/agenda/model/money';
import SourceTotalsTable from './SourceTotalsTable.svelte';
import TotalsTable, { yearRows } from './TotalsTable.svelte';

/** The markup without Svelte's hydration markers. */
function html(body: string): string {
	return body.replace(/<!--[^>]*-->/g, '');
}

const totals = (costCents: number) => ({
	costCents,
	fundingCents: costCents / 2,
	ownShareCents: costCents / 2
});

const headings = { source: 'Quelle', rate: 'Satz', fundedCost: 'Gefördert', funding: 'Zuschuss' };

describe('finance tables drawn by FigureTable', () => {
	it('lists the years, then the sums (found by test id) and the follow-up costs across', () => {
		const body = html(
			render(TotalsTable, {
				props: {
					caption: 'Je Jahr',
					rows: yearRows([{ year: 2026, ...totals(100_00) }]),
					total: totals(100_00),
					followUpCents: 5_00
				}
			}).body
		);
		expect(body).toContain('<th class="kern-table__cell" scope="row">2026</th>');
		const footer = body.slice(body.indexOf('<tfoot'));
		expect(footer).toContain(`data-testid="total-cost">${formatEuro(100_00)}</td>`);
		expect(footer).toContain(`data-testid="total-funding">${formatEuro(50_00)}</td>`);
		expect(footer).toContain(`colspan="3">${formatEuro(5_00)}</td>`);
	});

	it('lets keyboard users reach a table that scrolls sideways on a phone, named by its caption', () => {
		const body = html(
			render(TotalsTable, { props: { caption: 'Je Jahr', rows: [], total: totals(0) } }).body
		);
		expect(body).toContain(
			'<div class="kern-table-responsive" tabindex="0" role="region" aria-label="Je Jahr">'
		);
	});

	it('has no footer without a total', () => {
		const body = html(
			render(TotalsTable, {
				props: { caption: 'Je Haushalt', labelHeader: 'Haushalt', rows: [] }
			}).body
		);
		expect(body).toContain('scope="col">Haushalt</th>');
		expect(body).not.toContain('<tfoot');
	});

	it('says so across all columns when no source funds anything', () => {
		const props = { caption: 'Je Quelle', captionClass: 'kern-body', headings, emptyText: 'Keine' };
		const empty = html(render(SourceTotalsTable, { props: { ...props, sources: [] } }).body);
		expect(empty).toContain('<td class="kern-table__cell" colspan="4">Keine</td>');
		const source = {
			sourceId: 's1',
			name: 'Land',
			rateBp: 5000,
			fundedCostCents: 10_00,
			fundingCents: 5_00
		};
		const listed = html(render(SourceTotalsTable, { props: { ...props, sources: [source] } }).body);
		expect(listed).not.toContain('Keine');
		expect(listed).toContain('scope="row">Land</th>');
	});
});
