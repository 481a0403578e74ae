/**
 * Sets up citizen participation in a running test server's database, as long as there is no
 * page for it in the tests' reach: freezes the live document of an agenda into a Fassung and
 * opens a phase on it, with the same domain functions the team's pages use. The server reads both
 * on every request (on SQLite, WAL lets this second connection write while it runs).
 */
import { and, eq, gt, lt } from 'drizzle-orm';
import { inTransaction } from '../../src/lib/server/db/connection';
import {
	agendas,
	comments,
	docUpdates,
	memberships,
	participationPhases
} from '../../src/lib/server/db/schema';
import { generateId } from '../../src/lib/server/ids';
import { openPhase } from '../../src/lib/server/participation/phases';
import { freezeVersion, versionAgenda } from '../../src/lib/server/participation/versions';
import type { Agenda } from '../../src/lib/agenda/model/schema';
import type { CommentStatus, ModerationMode } from '../../src/lib/participation/vocabulary';
import { withDatabase } from './database';

export const DEMO_SLUG = 'musterstadt';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export interface TestParticipation {
	agendaId: string;
	slug: string;
	versionId: string;
	phaseId: string;
	/** The Fassung as citizens read it. */
	content: Agenda;
}

/**
 * Copies an agenda (its row and its live document) under a new slug: a participation of its own
 * that no other test touches, e.g. in the end-to-end server that every spec shares. The copy is
 * internal and has a title of its own, so that it shows up in no list the other tests look at;
 * a participation phase makes its Fassung public all the same.
 */
export async function copyAgenda(
	databasePath: string,
	fromSlug: string,
	toSlug: string
): Promise<string> {
	return await withDatabase(databasePath, (db) =>
		inTransaction(db, async (tx) => {
			const [source] = await tx.select().from(agendas).where(eq(agendas.slug, fromSlug));
			if (!source) throw new Error(`Keine Agenda „${fromSlug}“`);
			const id = generateId();
			await tx.insert(agendas).values({
				...source,
				id,
				slug: toSlug,
				title: `Testbeteiligung ${toSlug}`,
				visibility: 'internal',
				createdAt: new Date()
			});
			const updates = await tx
				.select({ seq: docUpdates.seq, update: docUpdates.update })
				.from(docUpdates)
				.where(eq(docUpdates.agendaId, source.id))
				.orderBy(docUpdates.seq);
			if (updates.length > 0)
				await tx
					.insert(docUpdates)
					.values(updates.map(({ seq, update }) => ({ agendaId: id, seq, update })));
			return id;
		})
	);
}

/** As `copyAgenda`, and the copy gets the original's members (so demo editors can work on it). */
export async function copyAgendaWithMembers(
	databasePath: string,
	fromSlug: string,
	toSlug: string
): Promise<string> {
	const agendaId = await copyAgenda(databasePath, fromSlug, toSlug);
	await withDatabase(databasePath, async (db) => {
		const [source] = await db.select().from(agendas).where(eq(agendas.slug, fromSlug));
		const members = await db
			.select({ userId: memberships.userId, role: memberships.role })
			.from(memberships)
			.where(eq(memberships.agendaId, source?.id ?? ''));
		if (members.length > 0)
			await db.insert(memberships).values(members.map((member) => ({ ...member, agendaId })));
	});
	return agendaId;
}

/**
 * Freezes the agenda's live document into a new Fassung and opens a phase on it, by default
 * running from an hour ago for thirty days with post-moderation. The newest phase is the one the
 * public pages show.
 */
export async function openTestParticipation(
	databasePath: string,
	options: {
		slug?: string;
		startsAt?: Date;
		endsAt?: Date;
		moderation?: ModerationMode;
		intro?: string;
		name?: string;
	} = {}
): Promise<TestParticipation> {
	const slug = options.slug ?? DEMO_SLUG;
	return withDatabase(databasePath, async (db) => {
		const [agenda] = await db.select().from(agendas).where(eq(agendas.slug, slug));
		if (!agenda) throw new Error(`Keine Agenda „${slug}“`);
		const version = await freezeVersion(db, {
			agendaId: agenda.id,
			name: options.name ?? 'Entwurf zur Bürgerbeteiligung',
			actorId: null
		});
		const startsAt = options.startsAt ?? new Date(Date.now() - HOUR);
		// Rounds follow each other: the round running at the new start ends there, as the team
		// would end or shorten it before the next one. (Straight in the table: the end may lie in
		// the past here, which the team's own way to change a phase refuses.)
		await db
			.update(participationPhases)
			.set({ endsAt: startsAt })
			.where(
				and(
					eq(participationPhases.agendaId, agenda.id),
					lt(participationPhases.startsAt, startsAt),
					gt(participationPhases.endsAt, startsAt)
				)
			);
		const result = await openPhase(db, {
			agendaId: agenda.id,
			versionId: version.id,
			startsAt,
			endsAt: options.endsAt ?? new Date(Date.now() + 30 * DAY),
			intro:
				options.intro ??
				'Die Stadt Musterstadt lädt Sie ein, den Entwurf der Digitalen Agenda zu kommentieren.\n\nIhre Hinweise fließen in die Beschlussvorlage ein.',
			moderation: options.moderation ?? 'post',
			actorId: null
		});
		if (!result.ok) throw new Error(`Phase nicht eröffnet: ${result.reason}`);
		return {
			agendaId: agenda.id,
			slug,
			versionId: version.id,
			phaseId: result.phase.id,
			content: versionAgenda(version)
		};
	});
}

/** Moves a phase in time or changes its moderation (to test upcoming, closed, pre-moderation). */
export async function updatePhase(
	databasePath: string,
	phaseId: string,
	changes: { startsAt?: Date; endsAt?: Date; moderation?: ModerationMode }
): Promise<void> {
	await withDatabase(databasePath, (db) =>
		db.update(participationPhases).set(changes).where(eq(participationPhases.id, phaseId))
	);
}

/** What the moderation would do: approve (visible) or hide a comment, straight in the table. */
export async function setCommentStatus(
	databasePath: string,
	commentId: string,
	status: CommentStatus,
	hiddenReason: string | null = null
): Promise<void> {
	await withDatabase(databasePath, (db) =>
		db.update(comments).set({ status, hiddenReason }).where(eq(comments.id, commentId))
	);
}

/** Moves a comment's creation back in time, e.g. past the 15-minute edit window. */
export async function ageComment(
	databasePath: string,
	commentId: string,
	byMs: number
): Promise<void> {
	await withDatabase(databasePath, async (db) => {
		const [row] = await db.select().from(comments).where(eq(comments.id, commentId));
		if (!row) throw new Error(`Kein Kommentar ${commentId}`);
		await db
			.update(comments)
			.set({ createdAt: new Date(row.createdAt.getTime() - byMs) })
			.where(eq(comments.id, commentId));
	});
}
