/**
 * Sets up monitoring in a running test server's SQLite file with the app's own domain functions:
 * the council resolves a Fassung, facts are written and taken as far as a test needs them
 * (draft, submitted, returned or approved). The server reads them on the next request.
 */
import { eq } from 'drizzle-orm';
import type { Agenda } from '../../src/lib/agenda/model/schema';
import type { FactInput } from '../../src/lib/monitoring/fact-input';
import type { FactState } from '../../src/lib/monitoring/vocabulary';
import { agendas, users } from '../../src/lib/server/db/schema';
import type { Db } from '../../src/lib/server/db/connection';
import {
	recordDecision,
	resolvedPlan,
	type CouncilDecision
} from '../../src/lib/server/monitoring/decisions';
import { decideFact, saveFact, submitFact } from '../../src/lib/server/monitoring/facts';
import { freezeVersion } from '../../src/lib/server/participation/versions';
import { withDatabase } from './database';
import { DEMO } from './http';

export interface TestMonitoring {
	agendaId: string;
	decision: CouncilDecision;
	plan: Agenda;
}

async function userId(db: Db, email: string): Promise<string> {
	const [user] = await db.select().from(users).where(eq(users.email, email));
	if (!user) throw new Error(`Kein Konto ${email}`);
	return user.id;
}

/**
 * The council's decision on the agenda's Fassung `versionNumber`; without one (a copied agenda)
 * its live document is frozen first.
 */
export async function resolveAgenda(
	databasePath: string,
	slug: string,
	options: { versionNumber?: number; decidedOn?: string; oparlUrl?: string | null } = {}
): Promise<TestMonitoring> {
	return await withDatabase(databasePath, async (db) => {
		const [agenda] = await db.select().from(agendas).where(eq(agendas.slug, slug));
		if (!agenda) throw new Error(`Keine Agenda „${slug}“`);
		const ownerId = await userId(db, DEMO.admin);
		const versionNumber =
			options.versionNumber ??
			(
				await freezeVersion(db, {
					agendaId: agenda.id,
					name: 'Beschlossene Fassung',
					actorId: ownerId
				})
			).number;
		const recorded = await recordDecision(db, {
			agendaId: agenda.id,
			versionNumber,
			decidedOn: options.decidedOn ?? '2027-02-02',
			number: '2027/0012',
			result: 'beschlossen',
			oparlUrl: options.oparlUrl ?? null,
			actorId: ownerId
		});
		if (!recorded.ok) throw new Error(recorded.error);
		return {
			agendaId: agenda.id,
			decision: recorded.decision,
			plan: await resolvedPlan(db, recorded.decision)
		};
	});
}

/** Writes each fact as the demo editor and takes it to `state` as the demo owner. */
export async function addFacts(
	databasePath: string,
	monitoring: TestMonitoring,
	facts: readonly { fact: FactInput; state: FactState }[]
): Promise<string[]> {
	return await withDatabase(databasePath, async (db) => {
		const ownerId = await userId(db, DEMO.admin);
		const editorId = await userId(db, DEMO.editor);
		const { decision, plan } = monitoring;
		const ids: string[] = [];
		for (const { fact, state } of facts) {
			const saved = await saveFact(db, { decision, plan, fact, actorId: editorId });
			if (!saved.ok) throw new Error(`Nicht gespeichert: ${saved.error}`);
			const step = { decision, factId: saved.id };
			if (state !== 'draft') {
				const submitted = await submitFact(db, { ...step, actorId: editorId });
				if (!submitted.ok) throw new Error(submitted.error);
			}
			if (state === 'approved' || state === 'returned') {
				const decided = await decideFact(db, {
					...step,
					actorId: ownerId,
					verdict: state === 'approved' ? 'approve' : 'return',
					remark: state === 'returned' ? 'Bitte ergänzen.' : ''
				});
				if (!decided.ok) throw new Error(decided.error);
			}
			ids.push(saved.id);
		}
		return ids;
	});
}
