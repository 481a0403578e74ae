/**
 * The AG's digest: the new comments, replies and reports on an agenda, mailed to the members who
 * answer and moderate them, once a day after DIGEST_HOUR (Berlin time) or, for owners who chose
 * it, at once. Each member has a cursor per agenda (`digestCursors.coveredUntil`): the digest
 * tells what came after it, and the mail and the cursor's advance are written in one
 * transaction, so that a crash neither sends a digest twice nor skips what it would have said.
 */
import { and, asc, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import { lastBerlinHour } from '$lib/berlin-time';
import { can } from '$lib/permissions';
import { AGENDA_ROLES, type AgendaRole } from '$lib/roles';
import { readConfig } from '../config';
import { type Db, type Executor, inTransaction } from '../db/connection';
import {
	agendas,
	commentReports,
	comments,
	digestCursors,
	memberships,
	users,
	versions
} from '../db/schema';
import { shownText } from '../participation/text';
import { loadVersionAgenda } from '../participation/versions';
import type { CommentItemKind, CommentStatus } from '../../participation/vocabulary';
import { digestMessage, type Digest, type DigestItem } from './digest-mail';
import { notifyOnce } from './notify';
import { notificationPreferenceOf } from './preferences';

/**
 * Who gets the digest: the AG, i.e. the roles that answer and moderate comments (owners and
 * editors). Viewers (council members reading along) are left out: they can neither answer nor
 * open the moderation queue the digest links to, and their mail would only be noise.
 */
export const DIGEST_ROLES: readonly AgendaRole[] = AGENDA_ROLES.filter((role) =>
	can({ user: { isAdmin: false }, role }, 'comments.moderate', { visibility: 'internal' })
);

/**
 * A member without a cursor (new, or a member since before digests existed) is told what came
 * since they joined, but at most this far back: not the agenda's whole history.
 */
export const FIRST_DIGEST_LOOKBACK_MS = 24 * 60 * 60 * 1000;

const configuredHour = readConfig().digestHour;

/** When a member's digest is due: 'off' still moves the cursor daily (see `dueMembers`). */
type Schedule = 'daily' | 'immediate' | 'off';

interface DueMember {
	userId: string;
	schedule: Schedule;
	/** What the member was told up to (exclusive of older things). */
	since: number;
}

/**
 * The job the scheduler runs (a `NotificationJob`): every agenda where a member's digest is due
 * gets it now. `options` is for tests; the server's hour is DIGEST_HOUR.
 */
export async function sendDueDigests(
	db: Db,
	{ now, origin }: { now: number; origin: string },
	options: { digestHour: number } = { digestHour: configuredHour }
): Promise<void> {
	const dailyAt = lastBerlinHour(now, options.digestHour).getTime();
	const due = await dueMembers(db, now, dailyAt);
	const dueAgendas = new Set(due.map((member) => member.agendaId));
	for (const agendaId of dueAgendas) {
		// Read again inside the write lock: what the cursor says is what the mail covers.
		await inTransaction(db, async (tx) => {
			const members = await dueMembers(tx, now, dailyAt, agendaId);
			await sendAgendaDigests(tx, agendaId, members, { now, origin });
		});
	}
}

/**
 * The members whose digest is due at `now`: 'immediate' (owners only; anyone else's counts as
 * 'daily') at every run, 'daily' once the day's digest hour passed their cursor. 'off' members
 * are due daily too, only to move their cursor on, so that turning the digest on again starts
 * from that day, not from when they turned it off.
 */
async function dueMembers(
	db: Executor,
	now: number,
	dailyAt: number,
	agendaId?: string
): Promise<(DueMember & { agendaId: string })[]> {
	const rows = await db
		.select({
			agendaId: memberships.agendaId,
			userId: memberships.userId,
			role: memberships.role,
			memberSince: memberships.createdAt,
			coveredUntil: digestCursors.coveredUntil
		})
		.from(memberships)
		.leftJoin(
			digestCursors,
			and(
				eq(digestCursors.userId, memberships.userId),
				eq(digestCursors.agendaId, memberships.agendaId)
			)
		)
		.where(
			and(
				inArray(memberships.role, [...DIGEST_ROLES]),
				agendaId === undefined ? undefined : eq(memberships.agendaId, agendaId)
			)
		);
	const choices = new Map<string, Schedule>();
	const due: (DueMember & { agendaId: string })[] = [];
	for (const row of rows) {
		let choice = choices.get(row.userId);
		if (choice === undefined) {
			choice = await notificationPreferenceOf(db, row.userId, 'agenda-digest');
			choices.set(row.userId, choice);
		}
		const schedule: Schedule = choice === 'immediate' && row.role !== 'owner' ? 'daily' : choice;
		const since =
			row.coveredUntil?.getTime() ??
			Math.max(row.memberSince.getTime(), now - FIRST_DIGEST_LOOKBACK_MS);
		if (schedule === 'immediate' ? since < now : since < dailyAt) {
			due.push({ agendaId: row.agendaId, userId: row.userId, schedule, since });
		}
	}
	return due;
}

/**
 * Queues each due member's digest of one agenda and moves their cursor to `now`. New things are
 * read once for the agenda (from the oldest cursor on), not once per member.
 */
async function sendAgendaDigests(
	tx: Executor,
	agendaId: string,
	members: DueMember[],
	{ now, origin }: { now: number; origin: string }
): Promise<void> {
	const [agenda] = await tx
		.select({ id: agendas.id, title: agendas.title })
		.from(agendas)
		.where(eq(agendas.id, agendaId));
	if (!agenda || members.length === 0) return;
	const readers = members.filter((member) => member.schedule !== 'off');
	const news =
		readers.length > 0
			? await newOnAgenda(tx, agendaId, Math.min(...readers.map((member) => member.since)), now)
			: { comments: [], reports: [] };
	for (const member of members) {
		const digest: Digest = {
			agenda,
			since: new Date(member.since),
			comments: news.comments.filter(
				(entry) => entry.createdAt.getTime() > member.since && entry.authorId !== member.userId
			),
			reports: news.reports.filter(
				(entry) => entry.createdAt.getTime() > member.since && entry.reporterId !== member.userId
			)
		};
		const empty = digest.comments.length === 0 && digest.reports.length === 0;
		if (member.schedule !== 'off' && !empty) {
			await notifyOnce(
				tx,
				{
					userId: member.userId,
					kind: 'agenda-digest',
					eventKey: `digest:${agendaId}:${now}`,
					compose: (recipient, linkOrigin) => digestMessage(digest, recipient.locale, linkOrigin)
				},
				origin,
				now
			);
		}
		// The cursor moves on also when notifyOnce held the mail back (an unconfirmed address): a
		// confirmation later must not bring everything since joining at once. Nothing new at an
		// immediate owner's run: the cursor stays, and no row is written every minute.
		if (member.schedule === 'immediate' && empty) continue;
		await tx
			.insert(digestCursors)
			.values({ userId: member.userId, agendaId, coveredUntil: new Date(now) })
			.onConflictDoUpdate({
				target: [digestCursors.userId, digestCursors.agendaId],
				set: { coveredUntil: new Date(now) }
			});
	}
}

interface NewComment {
	item: DigestItem;
	authorId: string | null;
	authorName: string | null;
	body: string;
	isReply: boolean;
	status: CommentStatus;
	createdAt: Date;
}

interface NewReport {
	item: DigestItem;
	reporterId: string | null;
	authorName: string | null;
	body: string;
	reason: string;
	createdAt: Date;
}

/**
 * Comments and replies (every round and status, not deleted ones) and open reports of the
 * agenda created in (`after`, `until`], oldest first, each with its item's title.
 */
async function newOnAgenda(
	tx: Executor,
	agendaId: string,
	after: number,
	until: number
): Promise<{ comments: NewComment[]; reports: NewReport[] }> {
	const commentRows = await tx
		.select({
			versionId: comments.versionId,
			itemKind: comments.itemKind,
			itemId: comments.itemId,
			parentId: comments.parentId,
			authorId: comments.authorId,
			authorName: users.displayName,
			body: comments.body,
			status: comments.status,
			createdAt: comments.createdAt
		})
		.from(comments)
		.innerJoin(versions, eq(versions.id, comments.versionId))
		.leftJoin(users, eq(users.id, comments.authorId))
		.where(
			and(
				eq(versions.agendaId, agendaId),
				gt(comments.createdAt, new Date(after)),
				lte(comments.createdAt, new Date(until)),
				isNull(comments.deletedAt)
			)
		)
		.orderBy(asc(comments.createdAt), asc(comments.id));
	const reportRows = await tx
		.select({
			versionId: comments.versionId,
			itemKind: comments.itemKind,
			itemId: comments.itemId,
			reporterId: commentReports.reporterId,
			authorName: users.displayName,
			authorId: comments.authorId,
			body: comments.body,
			reason: commentReports.reason,
			createdAt: commentReports.createdAt
		})
		.from(commentReports)
		.innerJoin(comments, eq(comments.id, commentReports.commentId))
		.innerJoin(versions, eq(versions.id, comments.versionId))
		.leftJoin(users, eq(users.id, comments.authorId))
		.where(
			and(
				eq(versions.agendaId, agendaId),
				gt(commentReports.createdAt, new Date(after)),
				lte(commentReports.createdAt, new Date(until)),
				// A report the moderation already settled, or on a deleted comment, asks nothing more.
				isNull(commentReports.resolvedAt),
				isNull(comments.deletedAt)
			)
		)
		.orderBy(asc(commentReports.createdAt), asc(commentReports.id));
	const itemOf = await itemTitles(tx, [...commentRows, ...reportRows]);
	return {
		comments: commentRows.map((row) => ({
			item: itemOf(row),
			authorId: row.authorId,
			authorName: row.authorId === null ? null : row.authorName,
			body: shownText(row.body),
			isReply: row.parentId !== null,
			status: row.status,
			createdAt: row.createdAt
		})),
		reports: reportRows.map((row) => ({
			item: itemOf(row),
			reporterId: row.reporterId,
			authorName: row.authorId === null ? null : row.authorName,
			body: shownText(row.body),
			reason: shownText(row.reason),
			createdAt: row.createdAt
		}))
	};
}

/**
 * The items the rows are about, titled as in the newest of their Fassungen that has them (a
 * measure keeps its id from round to round, and may have been renamed). Each Fassung is read once.
 */
async function itemTitles(
	tx: Executor,
	rows: { versionId: string; itemKind: CommentItemKind; itemId: string }[]
): Promise<(row: { itemKind: CommentItemKind; itemId: string }) => DigestItem> {
	const versionIds = [...new Set(rows.map((row) => row.versionId))];
	const numbered =
		versionIds.length === 0
			? []
			: await tx
					.select({ id: versions.id, number: versions.number })
					.from(versions)
					.where(inArray(versions.id, versionIds));
	const order = new Map(numbered.map((version) => [version.id, version.number]));
	const titles = new Map<string, string>();
	for (const versionId of versionIds.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))) {
		const content = await loadVersionAgenda(tx, versionId);
		for (const measure of content.measures) titles.set(`measure:${measure.id}`, measure.title);
		for (const goal of content.goals) titles.set(`goal:${goal.id}`, goal.title);
	}
	return (row) => ({
		kind: row.itemKind,
		id: row.itemId,
		title: titles.get(`${row.itemKind}:${row.itemId}`) ?? ''
	});
}
