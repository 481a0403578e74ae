import { and, desc, eq, max } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Agenda } from '../../agenda/model/schema';
import { agendaFromSnapshot, readAgenda } from '../../agenda/ydoc/read';
import { audit } from '../audit';
import { type Db, type Executor, inTransaction } from '../db/connection';
import { versions, type Version } from '../db/schema';
import { loadDocument } from '../documents/update-log';
import { generateId } from '../ids';

/**
 * Fassungen: numbered, named, immutable snapshots of the live draft. Comments, supports, diffs
 * and exports refer to a Fassung, never to the moving draft.
 */
export async function freezeVersion(
	db: Db,
	/** `now`: when it was frozen (the demo's Fassung of 2021); the present by default. */
	input: { agendaId: string; name: string; actorId: string | null; now?: Date }
): Promise<Version> {
	return inTransaction(db, async (tx) => {
		const { doc } = loadDocument(tx, input.agendaId);
		const { agenda } = readAgenda(doc);
		const state = Y.encodeStateAsUpdate(doc);
		doc.destroy();
		const [last] = tx
			.select({ number: max(versions.number) })
			.from(versions)
			.where(eq(versions.agendaId, input.agendaId))
			.all();
		const version = tx
			.insert(versions)
			.values({
				id: generateId(),
				agendaId: input.agendaId,
				number: (last?.number ?? 0) + 1,
				name: input.name,
				content: agenda,
				state: Buffer.from(state),
				createdBy: input.actorId,
				createdAt: input.now ?? new Date()
			})
			.returning()
			.get();
		await audit(tx, {
			actorId: input.actorId,
			agendaId: input.agendaId,
			action: 'version.freeze',
			details: { versionId: version.id, number: version.number, name: version.name }
		});
		return version;
	});
}

export type VersionSummary = Pick<Version, 'id' | 'agendaId' | 'number' | 'name' | 'createdAt'>;

/** The columns of a `VersionSummary`: everything but the content and the Yjs state. */
export const versionSummaryColumns = {
	id: versions.id,
	agendaId: versions.agendaId,
	number: versions.number,
	name: versions.name,
	createdAt: versions.createdAt
};

/** Newest first. */
export function listVersions(db: Executor, agendaId: string): VersionSummary[] {
	return db
		.select(versionSummaryColumns)
		.from(versions)
		.where(eq(versions.agendaId, agendaId))
		.orderBy(desc(versions.number))
		.all();
}

export function getVersion(db: Executor, agendaId: string, number: number): Version | undefined {
	return db
		.select()
		.from(versions)
		.where(and(eq(versions.agendaId, agendaId), eq(versions.number, number)))
		.get();
}

/** A Fassung's number, name and time without its content: enough to decide who may read it. */
export function findVersion(
	db: Executor,
	agendaId: string,
	number: number
): VersionSummary | undefined {
	return db
		.select(versionSummaryColumns)
		.from(versions)
		.where(and(eq(versions.agendaId, agendaId), eq(versions.number, number)))
		.get();
}

/** The frozen agenda of the Fassung with this id (see `versionAgenda`). */
export function loadVersionAgenda(db: Executor, versionId: string): Agenda {
	const row = db
		.select({ content: versions.content })
		.from(versions)
		.where(eq(versions.id, versionId))
		.get();
	if (!row) throw new Error(`Fassung ${versionId} fehlt`);
	return versionAgenda(row);
}

/** The agenda a Fassung belongs to (undefined for an unknown id), without loading its content. */
export function versionAgendaId(db: Executor, versionId: string): string | undefined {
	return db
		.select({ agendaId: versions.agendaId })
		.from(versions)
		.where(eq(versions.id, versionId))
		.get()?.agendaId;
}

/** A Fassung's number (undefined for an unknown id), without loading its content. */
export function versionNumberOf(db: Executor, versionId: string): number | undefined {
	return db
		.select({ number: versions.number })
		.from(versions)
		.where(eq(versions.id, versionId))
		.get()?.number;
}

export function getVersionById(db: Executor, versionId: string): Version | undefined {
	return db.select().from(versions).where(eq(versions.id, versionId)).get();
}

/**
 * The frozen agenda of a Fassung (validated when it was frozen), within today's limits of long
 * and short texts. Fassungen frozen before the resolution data existed hold none; they read as
 * empty resolution data.
 */
export function versionAgenda(version: Pick<Version, 'content'>): Agenda {
	return agendaFromSnapshot(version.content).agenda;
}
