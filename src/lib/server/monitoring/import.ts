import { createHash } from 'node:crypto';
import type { Agenda } from '../../agenda/model/schema';
import {
	factKey,
	readMonitoringTable,
	type FileProblem,
	type MonitoringColumn,
	type RowProblem,
	type TableRecord
} from '../../monitoring/format';
import type { FactInput } from '../../monitoring/fact-input';
import { can, canReportOn, type Actor } from '../../permissions';
import type { AgendaVisibility } from '../../roles';
import { type Db, type Executor, inTransaction } from '../db/connection';
import type { CouncilDecision } from './decisions';
import { insertFacts, listFacts } from './facts';

/**
 * Importing monitoring data from the file the export writes (CSV or XLSX, read into records by
 * `./upload`): first a dry run that gives every row
 * its result (new, skipped because the same fact is stored or came earlier in the file, or an
 * error naming the column), then the import of exactly the rows the dry run accepted, in one
 * transaction. The dry run's rows are fingerprinted; the import repeats the dry run inside its
 * transaction and refuses when the fingerprint differs (the plan or the stored facts changed in
 * between), so nothing is imported that the person did not see.
 */
export type ImportRowResult =
	| { outcome: 'new'; fact: FactInput }
	| { outcome: 'skipped'; reason: 'already-stored' | 'twice-in-file' }
	| { outcome: 'error'; column: MonitoringColumn | null; problem: ImportRowProblem };

export type ImportRowProblem = RowProblem | 'not-your-measure';

export interface ImportRow {
	line: number;
	title: string;
	result: ImportRowResult;
}

export interface DryRun {
	rows: ImportRow[];
	/** The facts the import would write, in file order. */
	accepted: FactInput[];
	/** A fingerprint of `accepted`, which the import must be handed back. */
	fingerprint: string;
}

export interface ImportContext {
	decision: Pick<CouncilDecision, 'id' | 'agendaId'>;
	plan: Agenda;
	/** Whether the importer may report on an item (`canReportOn` for measures). */
	mayReportOn: (itemKind: FactInput['itemKind'], itemId: string) => boolean;
}

export async function dryRunImport(
	db: Executor,
	context: ImportContext,
	records: readonly TableRecord[]
): Promise<{ ok: true; dryRun: DryRun } | ({ ok: false } & FileProblem)> {
	const read = readMonitoringTable(records, context.plan);
	if (!read.ok) return read;
	const seen = new Set((await listFacts(db, context.decision.id, 'all')).map(factKey));
	const inFile = new Set<string>();
	const accepted: FactInput[] = [];
	const rows = read.rows.map(({ line, title, result }): ImportRow => {
		if (!result.ok) {
			return { line, title, result: { outcome: 'error', ...result } };
		}
		const { fact } = result;
		if (!context.mayReportOn(fact.itemKind, fact.itemId)) {
			return {
				line,
				title,
				result: { outcome: 'error', column: 'id', problem: 'not-your-measure' }
			};
		}
		const key = factKey(fact);
		if (seen.has(key)) {
			return { line, title, result: { outcome: 'skipped', reason: 'already-stored' } };
		}
		if (inFile.has(key)) {
			return { line, title, result: { outcome: 'skipped', reason: 'twice-in-file' } };
		}
		inFile.add(key);
		accepted.push(fact);
		return { line, title, result: { outcome: 'new', fact } };
	});
	return { ok: true, dryRun: { rows, accepted, fingerprint: fingerprintOf(accepted) } };
}

export type ImportOutcome =
	| { ok: true; imported: number }
	| { ok: false; problem: 'changed' }
	| { ok: false; problem: 'nothing-to-import' }
	| ({ ok: false } & FileProblem);

/**
 * Writes the rows the dry run with `fingerprint` accepted, as `state` (see `insertFacts`), or
 * nothing at all.
 */
export async function runImport(
	db: Db,
	context: ImportContext,
	input: {
		records: readonly TableRecord[];
		fingerprint: string;
		state: 'submitted' | 'approved';
		actorId: string;
		now?: Date;
	}
): Promise<ImportOutcome> {
	return inTransaction(db, async (tx): Promise<ImportOutcome> => {
		const checked = await dryRunImport(tx, context, input.records);
		if (!checked.ok) return checked;
		const { accepted, fingerprint } = checked.dryRun;
		if (fingerprint !== input.fingerprint) return { ok: false, problem: 'changed' };
		if (accepted.length === 0) return { ok: false, problem: 'nothing-to-import' };
		const inserted = await insertFacts(tx, {
			decision: context.decision,
			plan: context.plan,
			facts: accepted,
			state: input.state,
			actorId: input.actorId,
			now: input.now
		});
		// The dry run ran the same checks a moment ago in this transaction; a refusal here is a bug.
		if (!inserted.ok)
			throw new Error(`Import: Zeile ${inserted.index} abgelehnt (${inserted.error})`);
		return { ok: true, imported: inserted.ids.length };
	});
}

/**
 * Who may import rows about which item: writers about every one; a member linked to a patron of a
 * measure about that measure (`canReportOn`); inventory items have no patrons.
 */
export function reportingRights(
	actor: Actor & { userId: string | null },
	agenda: { visibility: AgendaVisibility },
	plan: Pick<Agenda, 'measures' | 'people'>
): ImportContext['mayReportOn'] {
	const writer = can(actor, 'monitoring.write', agenda);
	return (itemKind, itemId) => {
		if (writer) return true;
		if (itemKind !== 'measure') return false;
		const patronIds = plan.measures.find((measure) => measure.id === itemId)?.patronIds ?? [];
		const patronUserIds = plan.people
			.filter((person) => patronIds.includes(person.id))
			.map((person) => person.userId);
		return canReportOn(actor, agenda, patronUserIds);
	};
}

/** Whether someone may open the import at all: a writer, or the patron of some measure. */
export function mayImport(
	actor: Actor & { userId: string | null },
	agenda: { visibility: AgendaVisibility },
	plan: Pick<Agenda, 'measures' | 'people'>
): boolean {
	const rights = reportingRights(actor, agenda, plan);
	return (
		can(actor, 'monitoring.write', agenda) ||
		plan.measures.some((measure) => rights('measure', measure.id))
	);
}

function fingerprintOf(facts: readonly FactInput[]): string {
	const hash = createHash('sha256');
	for (const fact of facts) hash.update(factKey(fact)).update('\n');
	return hash.digest('base64url');
}
