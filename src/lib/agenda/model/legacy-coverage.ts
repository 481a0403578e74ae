/**
 * Until December 2026 the resolution data held a single Deckungsvorschlag line in three fields
 * of its own: `coverageCents`, `costUnit` and `account`. A Vorlage may cover its Mehrbedarf from
 * several accounts, so these are now lines of `coverageLines`. Documents of that time are
 * upgraded once by the server (`ensureLayout`), Fassungen frozen then are read with the same rule
 * (`agendaFromSnapshot`): the old fields become the first line, nothing is lost or doubled.
 */
export const LEGACY_COVERAGE_FIELDS = ['coverageCents', 'costUnit', 'account'] as const;
export type LegacyCoverageField = (typeof LEGACY_COVERAGE_FIELDS)[number];

export interface LegacyCoverageLine {
	amountCents: number | null;
	costUnit: string;
	account: string;
}

/** The line the old fields describe, or null when none of them was filled in. */
export function legacyCoverageLine(
	fields: Partial<Record<LegacyCoverageField, unknown>>
): LegacyCoverageLine | null {
	const amountCents = typeof fields.coverageCents === 'number' ? fields.coverageCents : null;
	const costUnit = typeof fields.costUnit === 'string' ? fields.costUnit : '';
	const account = typeof fields.account === 'string' ? fields.account : '';
	if (amountCents === null && costUnit.trim() === '' && account.trim() === '') return null;
	return { amountCents, costUnit, account };
}
