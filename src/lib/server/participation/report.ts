import { asc, eq } from 'drizzle-orm';
import type { Agenda } from '../../agenda/model/schema';
import type { ReportAudience } from '../../permissions';
import { reportStats, type ReportStats, type StatsComment } from '../../participation/report-stats';
import type { ReportRow, ReportRowState } from '../../participation/report-table';
import type { CommentItemKind } from '../../participation/vocabulary';
import type { Db } from '../db/connection';
import { commentAnswers, comments, participationPhases, supports, users } from '../db/schema';
import { getAgenda } from '../agendas/agendas';
import { currentPhase } from './phases';
import { shownText } from './text';
import { findVersion, loadVersionAgenda } from './versions';

/**
 * The Beteiligungsbericht of one Fassung: every comment and reply with what the AG made of it,
 * and the statistics a council asks for. Texts a moderator hid or has not yet approved are left
 * out (the report goes to the council, often publicly), and so are texts deleted by their authors;
 * their rows stay, marked. The public variant (`ReportAudience`) shows no more than the citizen
 * pages show anyone: only the published comments' rows, with published answers only; the others
 * are only counted in the statistics, and the rows keep the team's numbers.
 */

/** Section names as council documents write them, whatever the UI language. */
export type { ReportRow };

export const SECTION_LABELS: Record<string, string> = {
	ausgangslage: 'Ausgangslage',
	leitbild: 'Leitbild'
};

/** The agenda as a report names it. */
export function reportAgenda(agenda: {
	id: string;
	slug: string;
	title: string;
	municipality: string;
}): ParticipationReport['agenda'] {
	return {
		id: agenda.id,
		slug: agenda.slug,
		title: agenda.title,
		municipality: agenda.municipality
	};
}

export interface ParticipationReport {
	agenda: { id: string; slug: string; title: string; municipality: string };
	version: { id: string; number: number; name: string; createdAt: Date };
	phase: { startsAt: Date; endsAt: Date } | null;
	rows: ReportRow[];
	stats: ReportStats;
}

interface Item {
	kind: CommentItemKind;
	id: string;
	label: string;
	fieldLabel: string | null;
}

/** The commentable items of a Fassung in the order of the document. */
function itemsOf(content: Agenda): Item[] {
	const fieldTitles = new Map(content.fields.map((field) => [field.id, field.title]));
	return [
		...Object.entries(SECTION_LABELS).map(([id, label]) => ({
			kind: 'section' as const,
			id,
			label,
			fieldLabel: null
		})),
		...content.goals.map((goal) => ({
			kind: 'goal' as const,
			id: goal.id,
			label: goal.title,
			fieldLabel: null
		})),
		...content.measures.map((measure) => ({
			kind: 'measure' as const,
			id: measure.id,
			label: measure.title,
			fieldLabel: measure.fieldId === null ? null : (fieldTitles.get(measure.fieldId) ?? null)
		}))
	];
}

const itemKey = (kind: string, id: string) => `${kind}:${id}`;

/**
 * The report of Fassung `versionNumber`, or of the current participation phase's Fassung;
 * null when the agenda or that Fassung does not exist.
 */
export async function participationReport(
	db: Db,
	agendaId: string,
	versionNumber?: number,
	audience: ReportAudience = 'members'
): Promise<ParticipationReport | null> {
	const agenda = await getAgenda(db, agendaId);
	if (!agenda) return null;
	const version =
		versionNumber === undefined
			? (await currentPhase(db, agendaId))?.version
			: await findVersion(db, agendaId, versionNumber);
	if (!version) return null;
	const content = await loadVersionAgenda(db, version.id);
	const [phaseRow] = await db
		.select({ startsAt: participationPhases.startsAt, endsAt: participationPhases.endsAt })
		.from(participationPhases)
		.where(eq(participationPhases.versionId, version.id))
		.limit(1);
	const phase = phaseRow ?? null;

	const commentRows = await db
		.select({ comment: comments, authorName: users.displayName, answer: commentAnswers })
		.from(comments)
		.leftJoin(users, eq(users.id, comments.authorId))
		.leftJoin(commentAnswers, eq(commentAnswers.commentId, comments.id))
		.where(eq(comments.versionId, version.id))
		.orderBy(asc(comments.createdAt), asc(comments.id));
	const supportRows = await db
		.select({
			measureId: supports.measureId,
			userId: supports.userId,
			createdAt: supports.createdAt
		})
		.from(supports)
		.where(eq(supports.versionId, version.id));
	const supportsOf = new Map<string, number>();
	for (const row of supportRows) {
		supportsOf.set(row.measureId, (supportsOf.get(row.measureId) ?? 0) + 1);
	}

	// Threads in document order: items as the Fassung orders them, then each thread depth-first.
	const items = itemsOf(content);
	const itemOrder = new Map(items.map((item, index) => [itemKey(item.kind, item.id), index]));
	const itemByKey = new Map(items.map((item) => [itemKey(item.kind, item.id), item]));
	const children = new Map<string | null, typeof commentRows>();
	const ids = new Set(commentRows.map((row) => row.comment.id));
	for (const row of commentRows) {
		// A reply whose parent is not in this Fassung (never expected) is shown as a root.
		const parent =
			row.comment.parentId !== null && ids.has(row.comment.parentId) ? row.comment.parentId : null;
		const siblings = children.get(parent);
		if (siblings) siblings.push(row);
		else children.set(parent, [row]);
	}
	const roots = [...(children.get(null) ?? [])].sort((a, b) => {
		const order = (row: (typeof commentRows)[number]) =>
			itemOrder.get(itemKey(row.comment.itemKind, row.comment.itemId)) ?? items.length;
		return order(a) - order(b);
	});

	const rows: ReportRow[] = [];
	const numbers = new Map<string, number>();
	// Depth-first without recursion: a long chain of replies cannot exhaust the stack.
	const pending = [...roots].reverse();
	for (let row = pending.pop(); row !== undefined; row = pending.pop()) {
		const { comment, authorName } = row;
		const number = numbers.size + 1;
		numbers.set(comment.id, number);
		pending.push(...[...(children.get(comment.id) ?? [])].reverse());
		const item = itemByKey.get(itemKey(comment.itemKind, comment.itemId));
		const state: ReportRowState = comment.deletedAt !== null ? 'deleted' : comment.status;
		if (audience === 'public' && state !== 'visible') continue;
		// An answer the AG has not published yet is the team's draft.
		const answer = audience === 'public' && row.answer?.publishedAt === null ? null : row.answer;
		rows.push({
			number,
			replyTo: comment.parentId === null ? null : (numbers.get(comment.parentId) ?? null),
			itemKind: comment.itemKind,
			itemLabel: item?.label ?? comment.itemId,
			fieldLabel: item?.fieldLabel ?? null,
			createdAt: comment.createdAt,
			author: comment.authorId === null ? null : (authorName ?? null),
			text: state === 'visible' ? shownText(comment.body) : null,
			state,
			hiddenReason: state === 'hidden' ? shownText(comment.hiddenReason) : null,
			itemSupports: comment.itemKind === 'measure' ? (supportsOf.get(comment.itemId) ?? 0) : null,
			disposition: answer?.disposition ?? null,
			reason: shownText(answer?.reason ?? null),
			published: answer ? answer.publishedAt !== null : null
		});
	}

	const statsComments: StatsComment[] = commentRows.map(({ comment }) => ({
		itemKind: comment.itemKind,
		itemId: comment.itemId,
		authorId: comment.authorId,
		parentId: comment.parentId,
		status: comment.status,
		deleted: comment.deletedAt !== null,
		createdAt: comment.createdAt
	}));
	const stats = reportStats({
		measures: content.measures.map((measure) => ({
			id: measure.id,
			label: measure.title,
			fieldId: measure.fieldId
		})),
		fields: content.fields.map((field) => ({ id: field.id, label: field.title })),
		comments: statsComments,
		supports: supportRows
	});

	return {
		agenda: reportAgenda(agenda),
		version: {
			id: version.id,
			number: version.number,
			name: version.name,
			createdAt: version.createdAt
		},
		phase,
		rows,
		stats
	};
}
