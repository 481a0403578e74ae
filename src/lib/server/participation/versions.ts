import { and, desc, eq, max } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Agenda } from '../../agenda/model/schema';
import { agendaFromSnapshot, readAgenda } from '../../agenda/ydoc/read';
import { audit } from '../audit';
import { type Db, type Executor, inTransaction, returnedRow } from '../db/connection';
import { versions, type Version } from '../db/schema';
import { loadDocument } from '../documents/update-log';
import { generateId } from '../ids';

/**
 * Fassungen: numbered, named, immutable snapshots of the live draft. Comments, supports, diffs
 * and exports refer to a Fassung, never to the moving draft.
 */
export function freezeVersion(db: Db, input: VersionFreeze): Promise<Version> {
	return inTransaction(db, (tx) => freezeVersionInTransaction(tx, input));
}

/** `now`: when it was frozen (the demo's Fassung of 2021); the present by default. */
export interface VersionFreeze {
	agendaId: string;
	name: string;
	actorId: string | null;
	now?: Date;
}

/**
 * `freezeVersion` within a transaction the caller holds: the demo's seed, which writes the whole
 * demo in one transaction (transactions do not nest).
 */
export async function freezeVersionInTransaction(
	tx: Executor,
	input: VersionFreeze
): Promise<Version> {
	const { doc } = await loadDocument(tx, input.agendaId);
	const { agenda } = readAgenda(doc);
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	const [last] = await tx
		.select({ number: max(versions.number) })
		.from(versions)
		.where(eq(versions.agendaId, input.agendaId));
	const version = returnedRow(
		await tx
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
	);
	await audit(tx, {
		actorId: input.actorId,
		agendaId: input.agendaId,
		action: 'version.freeze',
		details: { versionId: version.id, number: version.number, name: version.name }
	});
	return version;
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
export async function listVersions(db: Executor, agendaId: string): Promise<VersionSummary[]> {
	return db
		.select(versionSummaryColumns)
		.from(versions)
		.where(eq(versions.agendaId, agendaId))
		.orderBy(desc(versions.number));
}

export async function getVersion(
	db: Executor,
	agendaId: string,
	number: number
): Promise<Version | undefined> {
	const [version] = await db
		.select()
		.from(versions)
		.where(and(eq(versions.agendaId, agendaId), eq(versions.number, number)))
		.limit(1);
	return version;
}

/** A Fassung's number, name and time without its content: enough to decide who may read it. */
export async function findVersion(
	db: Executor,
	agendaId: string,
	number: number
): Promise<VersionSummary | undefined> {
	const [version] = await db
		.select(versionSummaryColumns)
		.from(versions)
		.where(and(eq(versions.agendaId, agendaId), eq(versions.number, number)))
		.limit(1);
	return version;
}

/**
 * The frozen agenda of the Fassung with this id (see `versionAgenda`), deeply frozen: callers
 * share it. A Fassung never changes, so the last few read are kept, and requests that ask at the
 * same time share one read. Twenty PDF downloads of a Fassung at the limits each read and parsed
 * its content (megabytes of JSON) for the cache key and held every other request for 0.7 s.
 */
export function loadVersionAgenda(db: Executor, versionId: string): Promise<Agenda> {
	const kept = recentVersionAgendas.get(versionId);
	if (kept) {
		// Re-inserted: a Map iterates in insertion order, so the oldest use comes first.
		recentVersionAgendas.delete(versionId);
		recentVersionAgendas.set(versionId, kept);
		return kept;
	}
	const reading = readVersionAgenda(db, versionId);
	recentVersionAgendas.set(versionId, reading);
	for (const oldest of recentVersionAgendas.keys()) {
		if (recentVersionAgendas.size <= KEPT_VERSION_AGENDAS) break;
		recentVersionAgendas.delete(oldest);
	}
	// A failed read (unknown id, database away) is not kept: the next request reads again.
	reading.catch(() => {
		if (recentVersionAgendas.get(versionId) === reading) recentVersionAgendas.delete(versionId);
	});
	return reading;
}

/** Fassungen whose agendas `loadVersionAgenda` keeps; one at the limits is megabytes of text. */
const KEPT_VERSION_AGENDAS = 4;
const recentVersionAgendas = new Map<string, Promise<Agenda>>();

async function readVersionAgenda(db: Executor, versionId: string): Promise<Agenda> {
	const [row] = await db
		.select({ content: versions.content })
		.from(versions)
		.where(eq(versions.id, versionId));
	if (!row) throw new Error(`Fassung ${versionId} fehlt`);
	return deepFreeze(versionAgenda(row));
}

function deepFreeze<T>(value: T): T {
	if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}

/** The agenda a Fassung belongs to (undefined for an unknown id), without loading its content. */
export async function versionAgendaId(
	db: Executor,
	versionId: string
): Promise<string | undefined> {
	const [row] = await db
		.select({ agendaId: versions.agendaId })
		.from(versions)
		.where(eq(versions.id, versionId));
	return row?.agendaId;
}

/** A Fassung's number (undefined for an unknown id), without loading its content. */
export async function versionNumberOf(
	db: Executor,
	versionId: string
): Promise<number | undefined> {
	const [row] = await db
		.select({ number: versions.number })
		.from(versions)
		.where(eq(versions.id, versionId));
	return row?.number;
}

export async function getVersionById(
	db: Executor,
	versionId: string
): Promise<Version | undefined> {
	const [version] = await db.select().from(versions).where(eq(versions.id, versionId));
	return version;
}

/**
 * The frozen agenda of a Fassung (validated when it was frozen), within today's limits of long
 * and short texts. Fassungen frozen before the resolution data existed hold none; they read as
 * empty resolution data.
 */
export function versionAgenda(version: Pick<Version, 'content'>): Agenda {
	return agendaFromSnapshot(version.content).agenda;
}
