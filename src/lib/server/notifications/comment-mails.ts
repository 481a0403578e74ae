/**
 * The notifications about comments: to a citizen when the AG's answer to their comment is
 * published, when somebody replies to it, when moderation hides or releases it; to an agenda's
 * owners when a report waits in moderation. Each is sent through `notifyOnce`, inside the write
 * transaction of the change that causes it, so that the mail exists exactly when the change does.
 */
import { and, eq } from 'drizzle-orm';
import { dispositionLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { commentHref } from '$lib/participation/links';
import type { Executor } from '../db/connection';
import {
	agendas,
	commentAnswers,
	commentReports,
	comments,
	memberships,
	versions,
	type AccountLocale,
	type Comment
} from '../db/schema';
import { currentPhaseVersion } from '../participation/phases';
import { shownText } from '../participation/text';
import type { NotificationKind } from '$lib/notifications/kinds';
import { notifyOnce, type NotificationMessage } from './notify';

/** How much of a comment a mail quotes: enough to recognise it, not a copy of the page. */
const EXCERPT_MAX_CHARS = 300;

/** A comment's text as a mail quotes it: on one line, shortened at a word. */
export function commentExcerpt(body: string): string {
	const text = shownText(body).replace(/\s+/g, ' ').trim();
	if (text.length <= EXCERPT_MAX_CHARS) return text;
	const cut = text.slice(0, EXCERPT_MAX_CHARS);
	const lastSpace = cut.lastIndexOf(' ');
	return `${(lastSpace > EXCERPT_MAX_CHARS / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()} …`;
}

interface CommentPlace {
	comment: Comment;
	agenda: { id: string; slug: string; title: string };
	versionNumber: number;
}

async function commentPlace(tx: Executor, commentId: string): Promise<CommentPlace | null> {
	const [row] = await tx
		.select({
			comment: comments,
			agenda: { id: agendas.id, slug: agendas.slug, title: agendas.title },
			versionNumber: versions.number
		})
		.from(comments)
		.innerJoin(versions, eq(versions.id, comments.versionId))
		.innerJoin(agendas, eq(agendas.id, versions.agendaId))
		.where(eq(comments.id, commentId));
	return row ?? null;
}

/**
 * The comment in its thread on its item's public page, in the round it was written in: the
 * current round's pages carry no `?fassung=`, an earlier round's do.
 */
async function commentUrl(
	tx: Executor,
	place: CommentPlace,
	origin: string,
	now: number
): Promise<string> {
	const current = (await currentPhaseVersion(tx, place.agenda.id, now))?.number ?? null;
	const fassung = place.versionNumber === current ? null : place.versionNumber;
	const item = { kind: place.comment.itemKind, id: place.comment.itemId };
	return origin + commentHref(place.agenda.slug, item, place.comment.id, fassung);
}

/** Whether the comment's author may still hear about it: neither it nor their account is gone. */
function authorOf(comment: Comment): string | null {
	return comment.deletedAt === null ? comment.authorId : null;
}

/** The author to tell of a moderation decision, unless they made it themselves. */
function authorToTellOfModeration(comment: Comment): string | null {
	const authorId = authorOf(comment);
	return authorId !== null && authorId !== comment.moderatedBy ? authorId : null;
}

/**
 * Queues a mail to an author about their comment: what `texts` says, then the link to `linked`
 * (the comment, or the reply to it) and why the mail comes.
 */
async function tellAuthor(
	tx: Executor,
	about: { authorId: string; kind: NotificationKind; eventKey: string; place: CommentPlace },
	linked: CommentPlace,
	texts: (locale: AccountLocale) => Pick<NotificationMessage, 'subject' | 'paragraphs'>,
	origin: string,
	now: number
): Promise<boolean> {
	const agenda = about.place.agenda.title;
	// The same link in every language, read before the mail is composed.
	const url = await commentUrl(tx, linked, origin, now);
	return notifyOnce(
		tx,
		{
			userId: about.authorId,
			kind: about.kind,
			eventKey: about.eventKey,
			compose: ({ locale }) => ({
				...texts(locale),
				action: {
					label: m.mail_comment_action({}, { locale }),
					url
				},
				reason: m.mail_comment_footer({ agenda }, { locale })
			})
		},
		origin,
		now
	);
}

/** The AG's answer to the comment became public: its author learns the disposition and reason. */
export async function notifyCommentAnswered(
	tx: Executor,
	commentId: string,
	origin: string,
	now = Date.now()
): Promise<boolean> {
	const place = await commentPlace(tx, commentId);
	const authorId = place && authorOf(place.comment);
	if (!place || !authorId) return false;
	const [answer] = await tx
		.select()
		.from(commentAnswers)
		.where(eq(commentAnswers.commentId, commentId));
	// Nothing to tell an author who wrote the answer themselves (an AG member's own comment).
	if (!answer?.publishedAt || answer.answeredBy === authorId) return false;
	const agenda = place.agenda.title;
	return tellAuthor(
		tx,
		{ authorId, kind: 'comment-answered', eventKey: `comment-answered:${commentId}`, place },
		place,
		(locale) => ({
			subject: m.mail_comment_answered_subject({ agenda }, { locale }),
			paragraphs: [
				m.mail_comment_answered_intro({ agenda }, { locale }),
				m.mail_comment_yours({ excerpt: commentExcerpt(place.comment.body) }, { locale }),
				m.mail_comment_answered_disposition(
					{ disposition: dispositionLabel(answer.disposition, locale) },
					{ locale }
				),
				m.mail_comment_answered_reason({ reason: shownText(answer.reason) }, { locale })
			]
		}),
		origin,
		now
	);
}

/**
 * A reply became public (written under post-moderation, approved or restored): the author of the
 * comment it answers learns of it, unless they wrote the reply themselves.
 */
export async function notifyCommentReplied(
	tx: Executor,
	replyId: string,
	origin: string,
	now = Date.now()
): Promise<boolean> {
	const reply = await commentPlace(tx, replyId);
	if (!reply || reply.comment.parentId === null) return false;
	if (reply.comment.status !== 'visible' || reply.comment.deletedAt !== null) return false;
	const parent = await commentPlace(tx, reply.comment.parentId);
	const authorId = parent && authorOf(parent.comment);
	if (!parent || !authorId || authorId === reply.comment.authorId) return false;
	const agenda = parent.agenda.title;
	return tellAuthor(
		tx,
		{ authorId, kind: 'comment-replied', eventKey: `comment-replied:${replyId}`, place: parent },
		// The reply, in the thread of the comment it answers.
		reply,
		(locale) => ({
			subject: m.mail_comment_replied_subject({ agenda }, { locale }),
			paragraphs: [
				m.mail_comment_replied_intro({ agenda }, { locale }),
				m.mail_comment_reply({ excerpt: commentExcerpt(reply.comment.body) }, { locale }),
				m.mail_comment_yours({ excerpt: commentExcerpt(parent.comment.body) }, { locale })
			]
		}),
		origin,
		now
	);
}

/** Moderation hid the comment: its author learns why. */
export async function notifyCommentHidden(
	tx: Executor,
	commentId: string,
	origin: string,
	now = Date.now()
): Promise<boolean> {
	const place = await commentPlace(tx, commentId);
	const authorId = place && authorToTellOfModeration(place.comment);
	if (!place || !authorId) return false;
	const agenda = place.agenda.title;
	const reason = shownText(place.comment.hiddenReason ?? '');
	return tellAuthor(
		tx,
		{ authorId, kind: 'comment-moderated', eventKey: `comment-hidden:${commentId}`, place },
		place,
		(locale) => ({
			subject: m.mail_comment_hidden_subject({ agenda }, { locale }),
			paragraphs: [
				m.mail_comment_hidden_intro({ agenda }, { locale }),
				m.mail_comment_yours({ excerpt: commentExcerpt(place.comment.body) }, { locale }),
				m.mail_comment_hidden_reason({ reason }, { locale })
			]
		}),
		origin,
		now
	);
}

/** Moderation made the comment public (approved or restored): its author may read it there. */
export async function notifyCommentReleased(
	tx: Executor,
	commentId: string,
	origin: string,
	now = Date.now()
): Promise<boolean> {
	const place = await commentPlace(tx, commentId);
	const authorId = place && authorToTellOfModeration(place.comment);
	if (!place || !authorId || place.comment.status !== 'visible') return false;
	const agenda = place.agenda.title;
	return tellAuthor(
		tx,
		{ authorId, kind: 'comment-moderated', eventKey: `comment-released:${commentId}`, place },
		place,
		(locale) => ({
			subject: m.mail_comment_released_subject({ agenda }, { locale }),
			paragraphs: [
				m.mail_comment_released_intro({ agenda }, { locale }),
				m.mail_comment_yours({ excerpt: commentExcerpt(place.comment.body) }, { locale })
			]
		}),
		origin,
		now
	);
}

/**
 * A new report waits in moderation: each owner of the agenda learns of it, with the reason but
 * never the reporter's name (an owner who reported it themselves gets nothing).
 */
export async function notifyReportWaiting(
	tx: Executor,
	reportId: string,
	origin: string,
	now = Date.now()
): Promise<number> {
	const [report] = await tx.select().from(commentReports).where(eq(commentReports.id, reportId));
	const place = report && (await commentPlace(tx, report.commentId));
	if (!report || !place) return 0;
	const agenda = place.agenda.title;
	const url = `${origin}/agenden/${place.agenda.id}/moderation`;
	const members = await tx
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(and(eq(memberships.agendaId, place.agenda.id), eq(memberships.role, 'owner')));
	const owners = members.filter((owner) => owner.userId !== report.reporterId);
	let notified = 0;
	for (const owner of owners) {
		const queued = await notifyOnce(
			tx,
			{
				userId: owner.userId,
				kind: 'moderation-report',
				eventKey: `report:${reportId}`,
				compose: ({ locale }) => ({
					subject: m.mail_report_subject({ agenda }, { locale }),
					paragraphs: [
						m.mail_report_intro({ agenda }, { locale }),
						m.mail_report_reason({ reason: shownText(report.reason) }, { locale })
					],
					action: { label: m.mail_report_action({}, { locale }), url },
					reason: m.mail_report_footer({ agenda }, { locale })
				})
			},
			origin,
			now
		);
		if (queued) notified++;
	}
	return notified;
}
