import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Agenda } from '../../agenda/model/schema';
import type { MonitoringFact } from '../../monitoring/facts';
import { checkFactInput, type FactInput, type FactProblem } from '../../monitoring/fact-input';
import type { FactState } from '../../monitoring/vocabulary';
import { cleanMultilineText } from '../../text/clean';
import { audit } from '../audit';
import { type Db, type Executor, inTransaction } from '../db/connection';
import { monitoringFacts } from '../db/schema';
import { generateId } from '../ids';
import { notifyMeasureFollowers } from '../notifications/measure-mails';
import type { CouncilDecision } from './decisions';

/**
 * The way of a monitoring fact: patrons and editors write it (draft) and hand it in
 * (submitted); an owner approves it or returns it with a remark; a returned fact is edited and
 * handed in again. An approved fact never changes: a correction is a new fact of a later day or
 * approval. Each step is in the audit log. Who may take a step is decided by the route
 * (`canReportOn`, `monitoring.approve`); here, what the step may do to which fact.
 */
export type FactRow = typeof monitoringFacts.$inferSelect;
export type StoredFact = MonitoringFact & {
	remark: string | null;
	authorId: string | null;
	submittedAt: Date | null;
	decidedBy: string | null;
};

export const REMARK_MAX_CHARS = 2_000;

export type FactError =
	FactProblem | 'not-found' | 'not-editable' | 'not-submitted' | 'remark-empty' | 'remark-too-long';

type Decision = Pick<CouncilDecision, 'id' | 'agendaId'>;

/** Writes a new draft, or changes a draft or returned fact (which becomes a draft again). */
export async function saveFact(
	db: Db,
	input: {
		decision: Decision;
		plan: Pick<Agenda, 'measures' | 'inventory'>;
		fact: FactInput;
		factId?: string;
		actorId: string;
		now?: Date;
	}
): Promise<{ ok: true; id: string } | { ok: false; error: FactError }> {
	const checked = checkFactInput(input.fact, input.plan);
	if (!checked.ok) return { ok: false, error: checked.problem };
	const now = input.now ?? new Date();
	const values = { ...columnsOf(checked.fact), state: 'draft' as const, updatedAt: now };
	return inTransaction(db, async (tx) => {
		let id = input.factId;
		if (id === undefined) {
			id = generateId();
			await tx
				.insert(monitoringFacts)
				.values({ id, decisionId: input.decision.id, authorId: input.actorId, ...values });
		} else {
			const row = await factRow(tx, input.decision.id, id);
			if (!row) return { ok: false, error: 'not-found' } as const;
			if (row.state !== 'draft' && row.state !== 'returned') {
				return { ok: false, error: 'not-editable' } as const;
			}
			await tx.update(monitoringFacts).set(values).where(eq(monitoringFacts.id, id));
		}
		await audit(tx, {
			actorId: input.actorId,
			agendaId: input.decision.agendaId,
			action: input.factId === undefined ? 'monitoring.create' : 'monitoring.edit',
			details: { factId: id, kind: checked.fact.kind, itemId: checked.fact.itemId }
		});
		return { ok: true, id } as const;
	});
}

/**
 * Writes many new facts at once, inside the caller's transaction (an import is one): each checked
 * by `checkFactInput` like `saveFact`'s, all refused if one fails. They start `submitted` (handed
 * in, waiting for an owner) or, when an owner imports, `approved` by that owner: the step
 * `decideFact` would take, so the rule "public only when an owner approves" holds either way.
 * The route decides who may ask for which state.
 */
export async function insertFacts(
	tx: Executor,
	input: {
		decision: Decision;
		plan: Pick<Agenda, 'measures' | 'inventory'>;
		facts: readonly FactInput[];
		state: 'submitted' | 'approved';
		actorId: string;
		now?: Date;
	}
): Promise<{ ok: true; ids: string[] } | { ok: false; error: FactError; index: number }> {
	const checked: FactInput[] = [];
	for (const [index, fact] of input.facts.entries()) {
		const result = checkFactInput(fact, input.plan);
		if (!result.ok) return { ok: false, error: result.problem, index };
		checked.push(result.fact);
	}
	const now = input.now ?? new Date();
	const decided = input.state === 'approved' ? { decidedBy: input.actorId, decidedAt: now } : {};
	const rows = checked.map((fact) => ({
		id: generateId(),
		decisionId: input.decision.id,
		authorId: input.actorId,
		...columnsOf(fact),
		state: input.state,
		submittedAt: now,
		...decided,
		createdAt: now,
		updatedAt: now
	}));
	// Many rows per statement: one statement per fact would cost most of an import's time.
	for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
		await tx.insert(monitoringFacts).values(rows.slice(start, start + INSERT_CHUNK));
	}
	for (const row of rows) {
		await audit(tx, {
			actorId: input.actorId,
			agendaId: input.decision.agendaId,
			action: 'monitoring.import',
			details: { factId: row.id, kind: row.kind, itemId: row.itemId, state: row.state }
		});
	}
	return { ok: true, ids: rows.map((row) => row.id) };
}

/** Rows per INSERT: well below SQLite's limit of bound parameters (about 20 per fact). */
const INSERT_CHUNK = 200;

/** Hands a draft or returned fact in for approval. */
export async function submitFact(
	db: Db,
	input: { decision: Decision; factId: string; actorId: string; now?: Date }
): Promise<{ ok: true } | { ok: false; error: FactError }> {
	return step(db, input, ['draft', 'returned'], 'not-editable', {
		state: 'submitted',
		submittedAt: input.now ?? new Date()
	});
}

/**
 * An owner approves a submitted fact (it counts from now on) or returns it with a remark. An
 * approval tells the measure's followers in the same transaction (`notifyMeasureFollowers`);
 * `origin` is where their mails link to. Without it (the demo being seeded, which nobody
 * follows yet) nobody is told.
 */
export async function decideFact(
	db: Db,
	input: {
		decision: Decision;
		factId: string;
		verdict: 'approve' | 'return';
		remark: string;
		actorId: string;
		now?: Date;
		origin?: string;
	}
): Promise<{ ok: true } | { ok: false; error: FactError }> {
	const remark = cleanMultilineText(input.remark).trim();
	if (input.verdict === 'return' && remark === '') return { ok: false, error: 'remark-empty' };
	if (remark.length > REMARK_MAX_CHARS) return { ok: false, error: 'remark-too-long' };
	const decidedAt = input.now ?? new Date();
	const { origin } = input;
	const tellFollowers =
		input.verdict === 'approve' && origin !== undefined
			? async (tx: Executor) => {
					const approved = await listFacts(tx, input.decision.id, 'approved');
					const fact = approved.find((entry) => entry.id === input.factId);
					if (!fact) return;
					await notifyMeasureFollowers(
						tx,
						{ decisionId: input.decision.id, fact, approved },
						origin,
						decidedAt.getTime()
					);
				}
			: undefined;
	return step(
		db,
		input,
		['submitted'],
		'not-submitted',
		{
			state: input.verdict === 'approve' ? 'approved' : 'returned',
			remark: remark === '' ? null : remark,
			decidedBy: input.actorId,
			decidedAt
		},
		tellFollowers
	);
}

/** Removes a fact nobody has approved yet (a draft written by mistake). */
export async function deleteFact(
	db: Db,
	input: { decision: Decision; factId: string; actorId: string }
): Promise<{ ok: true } | { ok: false; error: FactError }> {
	return inTransaction(db, async (tx) => {
		const row = await factRow(tx, input.decision.id, input.factId);
		if (!row) return { ok: false, error: 'not-found' } as const;
		if (row.state === 'approved') return { ok: false, error: 'not-editable' } as const;
		await tx.delete(monitoringFacts).where(eq(monitoringFacts.id, input.factId));
		await audit(tx, {
			actorId: input.actorId,
			agendaId: input.decision.agendaId,
			action: 'monitoring.delete',
			details: { factId: input.factId, kind: row.kind, itemId: row.itemId }
		});
		return { ok: true } as const;
	});
}

/**
 * The facts of a decision, oldest first: for everyone the approved ones; with
 * `monitoring.readAll`, drafts, submitted and returned facts too.
 */
export async function listFacts(
	db: Executor,
	decisionId: string,
	scope: 'approved' | 'all'
): Promise<StoredFact[]> {
	const states: FactState[] =
		scope === 'approved' ? ['approved'] : ['draft', 'submitted', 'returned', 'approved'];
	const rows = await db
		.select()
		.from(monitoringFacts)
		.where(and(eq(monitoringFacts.decisionId, decisionId), inArray(monitoringFacts.state, states)))
		.orderBy(asc(monitoringFacts.asOf), asc(monitoringFacts.createdAt));
	return rows.map(storedFact);
}

async function step(
	db: Db,
	input: { decision: Decision; factId: string; actorId: string },
	from: readonly FactState[],
	refusal: FactError,
	change: Partial<FactRow> & { state: FactState },
	/** What else the step does in its transaction, after the change. */
	then?: (tx: Executor) => Promise<void>
): Promise<{ ok: true } | { ok: false; error: FactError }> {
	return inTransaction(db, async (tx) => {
		const row = await factRow(tx, input.decision.id, input.factId);
		if (!row) return { ok: false, error: 'not-found' } as const;
		if (!from.includes(row.state)) return { ok: false, error: refusal } as const;
		await tx
			.update(monitoringFacts)
			.set({ ...change, updatedAt: new Date() })
			.where(eq(monitoringFacts.id, input.factId));
		await audit(tx, {
			actorId: input.actorId,
			agendaId: input.decision.agendaId,
			action: `monitoring.${change.state}`,
			details: { factId: input.factId, kind: row.kind, itemId: row.itemId, from: row.state }
		});
		await then?.(tx);
		return { ok: true } as const;
	});
}

async function factRow(
	db: Executor,
	decisionId: string,
	factId: string
): Promise<FactRow | undefined> {
	const [row] = await db
		.select()
		.from(monitoringFacts)
		.where(and(eq(monitoringFacts.id, factId), eq(monitoringFacts.decisionId, decisionId)));
	return row;
}

/** The columns a fact of each kind fills; the others are cleared (a draft may change kind). */
function columnsOf(fact: FactInput) {
	const empty = {
		status: null,
		statusReason: null,
		progress: null,
		text: null,
		milestoneId: null,
		indicatorId: null,
		value: null,
		year: null,
		actualCostCents: null,
		fundingReceivedCents: null
	};
	const common = { itemKind: fact.itemKind, itemId: fact.itemId, kind: fact.kind, asOf: fact.asOf };
	switch (fact.kind) {
		case 'report': {
			const { status, statusReason, progress, text } = fact;
			return { ...empty, ...common, status, statusReason, progress, text };
		}
		case 'milestone':
			return { ...empty, ...common, milestoneId: fact.milestoneId };
		case 'indicator':
			return { ...empty, ...common, indicatorId: fact.indicatorId, value: fact.value };
		case 'finance': {
			const { year, actualCostCents, fundingReceivedCents } = fact;
			return { ...empty, ...common, year, actualCostCents, fundingReceivedCents };
		}
	}
}

/** A row as the monitoring maths reads it; the checks of the table guarantee each kind's values. */
function storedFact(row: FactRow): StoredFact {
	const base = {
		id: row.id,
		itemKind: row.itemKind,
		itemId: row.itemId,
		asOf: row.asOf,
		state: row.state,
		decidedAt: row.decidedAt,
		remark: row.remark,
		authorId: row.authorId,
		submittedAt: row.submittedAt,
		decidedBy: row.decidedBy
	};
	switch (row.kind) {
		case 'report':
			return {
				...base,
				kind: 'report',
				status: row.status ?? 'unbekannt',
				statusReason: row.statusReason,
				progress: row.progress,
				text: row.text ?? ''
			};
		case 'milestone':
			return { ...base, kind: 'milestone', milestoneId: row.milestoneId ?? '' };
		case 'indicator':
			return {
				...base,
				kind: 'indicator',
				indicatorId: row.indicatorId ?? '',
				value: row.value ?? 0
			};
		case 'finance':
			return {
				...base,
				kind: 'finance',
				year: row.year ?? 0,
				actualCostCents: row.actualCostCents ?? 0,
				fundingReceivedCents: row.fundingReceivedCents ?? 0
			};
	}
}
