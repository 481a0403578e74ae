import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import type { Agenda } from '../../agenda/model/schema';
import { csvRecords, monitoringCsv } from '../../monitoring/csv';
import { MONITORING_COLUMNS } from '../../monitoring/format';
import type { FactInput } from '../../monitoring/fact-input';
import { DEMO_AGENDA } from '../demo/accounts';
import { agendas, auditLog, monitoringFacts, users } from '../db/schema';
import { seedDemoIfEmpty } from '../db/seed';
import { recordDecision, resolvedPlan, type CouncilDecision } from './decisions';
import { decideFact, listFacts, saveFact, submitFact } from './facts';
import { dryRunImport, reportingRights, runImport, type ImportContext } from './import';

/**
 * The import on a real SQLite file, on the demo's resolved Fassung 1: dry run, import of exactly
 * what the dry run accepted, re-import of an export without doubles, rights of patrons, speed.
 */
let t: TestDatabase;
let agenda: typeof agendas.$inferSelect;
let ownerId = '';
let decision: CouncilDecision;
let plan: Agenda;
let writer: ImportContext;

async function userId(email: string): Promise<string> {
	const [user] = await t.db.select().from(users).where(eq(users.email, email));
	if (!user) throw new Error(`Kein Konto ${email}`);
	return user.id;
}

const measure = (index = 0) => {
	const found = plan.measures[index];
	if (!found) throw new Error('Maßnahme fehlt');
	return found;
};

const HEADER = MONITORING_COLUMNS.join(';');
const reportLine = (text: string, measureId = measure().id, day = '31.03.2027') =>
	`sachstand;massnahme;${measureId};;${day};in-arbeit;;30;${text};;;;;;;`;

beforeAll(async () => {
	t = createTestDatabase();
	await seedDemoIfEmpty(t.db, 'demo-passwort-test');
	const [found] = await t.db.select().from(agendas).where(eq(agendas.slug, DEMO_AGENDA.slug));
	if (!found) throw new Error('Demo-Agenda fehlt');
	agenda = found;
	ownerId = await userId('verwaltung@musterstadt.example');
	const recorded = await recordDecision(t.db, {
		agendaId: agenda.id,
		versionNumber: 1,
		decidedOn: '2027-02-02',
		number: '2027/0012',
		result: 'beschlossen',
		oparlUrl: null,
		actorId: ownerId
	});
	if (!recorded.ok) throw new Error(recorded.error);
	decision = recorded.decision;
	plan = await resolvedPlan(t.db, decision);
	writer = { decision, plan, mayReportOn: () => true };
});

afterAll(() => t.dispose());

/** A CSV text as the records the import reads. */
function records(text: string) {
	const read = csvRecords(text);
	if (!read.ok) throw new Error(`CSV fehlerhaft: Zeile ${read.line}`);
	return read.records;
}

async function dryRun(text: string, context = writer) {
	const result = await dryRunImport(t.db, context, records(text));
	if (!result.ok) throw new Error(`Datei abgelehnt: ${result.problem}`);
	return result.dryRun;
}

describe('monitoring import', () => {
	it('imports exactly the rows the dry run accepted, handed in for approval, audited', async () => {
		const text = [
			HEADER,
			reportLine('Erster Bericht'),
			reportLine(''),
			reportLine('Erster Bericht')
		].join('\r\n');
		const checked = await dryRun(text);
		expect(checked.rows.map((row) => [row.line, row.result.outcome])).toEqual([
			[2, 'new'],
			[3, 'error'],
			[4, 'skipped']
		]);
		expect(checked.rows[2]?.result).toEqual({ outcome: 'skipped', reason: 'twice-in-file' });
		const before = (await t.db.select().from(auditLog)).length;
		const done = await runImport(t.db, writer, {
			records: records(text),
			fingerprint: checked.fingerprint,
			state: 'submitted',
			actorId: ownerId
		});
		expect(done).toEqual({ ok: true, imported: 1 });
		const stored = (await listFacts(t.db, decision.id, 'all')).filter(
			(fact) => fact.kind === 'report' && fact.text === 'Erster Bericht'
		);
		expect(stored.map((fact) => [fact.state, fact.authorId])).toEqual([['submitted', ownerId]]);
		expect((await t.db.select().from(auditLog)).length).toBe(before + 1);
		// Once more: the row is stored now, so the dry run differs and nothing is written twice.
		expect(
			await runImport(t.db, writer, {
				records: records(text),
				fingerprint: checked.fingerprint,
				state: 'submitted',
				actorId: ownerId
			})
		).toEqual({ ok: false, problem: 'changed' });
		expect((await dryRun(text)).rows[0]?.result).toEqual({
			outcome: 'skipped',
			reason: 'already-stored'
		});
	});

	it('lets an owner import approved facts, which count at once', async () => {
		const text = [HEADER, reportLine('Vom Amt freigegeben', measure(1).id)].join('\n');
		const { fingerprint } = await dryRun(text);
		expect(
			await runImport(t.db, writer, {
				records: records(text),
				fingerprint,
				state: 'approved',
				actorId: ownerId
			})
		).toEqual({
			ok: true,
			imported: 1
		});
		const approved = (await listFacts(t.db, decision.id, 'approved')).find(
			(fact) => fact.kind === 'report' && fact.text === 'Vom Amt freigegeben'
		);
		expect(approved?.decidedBy).toBe(ownerId);
		expect(approved?.decidedAt).toBeInstanceOf(Date);
	});

	it('reads back its own export without doubles: every row is already stored (round trip)', async () => {
		const fact: FactInput = {
			kind: 'finance',
			itemKind: 'measure',
			itemId: measure().id,
			asOf: '2027-12-31',
			year: 2027,
			actualCostCents: 1_234_56,
			fundingReceivedCents: 50_000
		};
		const saved = await saveFact(t.db, { decision, plan, fact, actorId: ownerId });
		if (!saved.ok) throw new Error(saved.error);
		await submitFact(t.db, { decision, factId: saved.id, actorId: ownerId });
		await decideFact(t.db, {
			decision,
			factId: saved.id,
			verdict: 'approve',
			remark: '',
			actorId: ownerId
		});
		const facts = await listFacts(t.db, decision.id, 'all');
		const exported = monitoringCsv(facts, () => 'Titel');
		const checked = await dryRun(exported);
		expect(checked.rows).toHaveLength(facts.length);
		expect(checked.rows.every((row) => row.result.outcome === 'skipped')).toBe(true);
		expect(checked.accepted).toEqual([]);
		expect(
			await runImport(t.db, writer, {
				records: records(exported),
				fingerprint: checked.fingerprint,
				state: 'submitted',
				actorId: ownerId
			})
		).toEqual({ ok: false, problem: 'nothing-to-import' });
	});

	it('lets a patron import only about their own measures', async () => {
		// Deniz Yılmaz, patron of the first measure, is linked to a demo account.
		const patron = plan.people.find(
			(person) => measure().patronIds.includes(person.id) && person.userId
		);
		if (!patron?.userId) throw new Error('Kein verknüpfter Pate');
		const rights = reportingRights(
			{ user: { isAdmin: false }, role: 'viewer', userId: patron.userId },
			agenda,
			plan
		);
		const own = plan.measures.find((entry) => rights('measure', entry.id));
		const other = plan.measures.find((entry) => !rights('measure', entry.id));
		if (!own || !other) throw new Error('Demo passt nicht');
		const text = [HEADER, reportLine('Eigene', own.id), reportLine('Fremde', other.id)].join('\n');
		const checked = await dryRun(text, { decision, plan, mayReportOn: rights });
		expect(checked.rows.map((row) => row.result)).toMatchObject([
			{ outcome: 'new' },
			{ outcome: 'error', column: 'id', problem: 'not-your-measure' }
		]);
		const stranger = reportingRights(
			{ user: { isAdmin: false }, role: 'viewer', userId: 'niemand' },
			agenda,
			plan
		);
		expect(plan.measures.some((entry) => stranger('measure', entry.id))).toBe(false);
	});

	// How fast is `npm run bench -- monitoring`'s business (dry run and import over HTTP); a timed
	// assertion here would fail on a busy CI machine and prove nothing about the speed. The
	// generous timeout is for such a machine too.
	it('imports 5,000 rows in one transaction', async () => {
		const lines = [HEADER];
		for (let index = 0; index < 5_000; index++) {
			const day = `${String((index % 28) + 1).padStart(2, '0')}.${String((index % 12) + 1).padStart(2, '0')}.${2027 + Math.floor(index / 336)}`;
			lines.push(
				index % 2 === 0
					? reportLine(
							`"Bericht Nummer ${index}; mit ""Zitat"""`,
							measure(index % plan.measures.length).id,
							day
						)
					: `indikator;massnahme;${measure().id};;${day};;;;;;${measure().indicators[0]?.id};${index},5;;;;`
			);
		}
		const text = lines.join('\r\n');
		const checked = await dryRun(text);
		expect(checked.accepted).toHaveLength(5_000);
		const before = (await t.db.select().from(monitoringFacts)).length;
		const done = await runImport(t.db, writer, {
			records: records(text),
			fingerprint: checked.fingerprint,
			state: 'submitted',
			actorId: ownerId
		});
		expect(done).toEqual({ ok: true, imported: 5_000 });
		expect((await t.db.select().from(monitoringFacts)).length).toBe(before + 5_000);
	}, 60_000);
});
