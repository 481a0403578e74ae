/**
 * What every public participation page needs: the agenda's current phase and Fassung (404 when
 * there is none), who is looking, the header data, and the comment thread of one item.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { ThreadComment, ThreadForm, ThreadState } from '$lib/components/comments/types';
import { isId } from '$lib/id-format';
import { formatMoment } from '$lib/format';
import { publicProgressHref } from '$lib/monitoring/links';
import { m } from '$lib/paraglide/messages';
import { can } from '$lib/permissions';
import { agendaActor } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { oncePerRequest } from '$lib/server/once-per-request';
import { currentDecision } from '$lib/server/monitoring/decisions';
import { listComments, type CommentView, type Viewer } from '$lib/server/participation/comments';
import { fassungNumber } from '$lib/server/participation/fassung-number';
import { itemParagraphs, type CommentItem } from '$lib/server/participation/items';
import type { Round } from '$lib/server/participation/phases';
import { locateAnchor } from '$lib/participation/anchor';
import {
	loadPublicParticipation,
	type PublicParticipation
} from '$lib/server/participation/public';

export interface PageParticipation extends PublicParticipation {
	viewer: Viewer;
	/** A signed-in visitor whose address is not confirmed yet: their address, for the notice. */
	unconfirmedEmail: string | null;
}

/**
 * The participation of one request. The layout (header) and the page (content) both ask for it;
 * reading the Fassung once is enough, as nothing a citizen posts changes its phase or text.
 */
/**
 * The participation of `params.slug` as this visitor sees it, or a 404 when there is none; read
 * once per request, though the layout and the page both ask.
 */
export const requireParticipation = oncePerRequest(loadParticipation);

async function loadParticipation(
	event: RequestEvent<{ slug: string }>
): Promise<PageParticipation> {
	// `?fassung=<n>` shows an earlier round; the current round has no parameter.
	const fassung = fassungNumber(
		event.url.searchParams.get('fassung'),
		m.public_error_round_param()
	);
	const participation = await loadPublicParticipation(db, event.params.slug, { fassung });
	if (!participation) {
		error(404, fassung === null ? m.public_error_not_found() : m.public_error_round_not_found());
	}
	const user = event.locals.user;
	const actor = await agendaActor(user, participation.agenda.id);
	return {
		...participation,
		// The team (who may moderate) sees pending comments and unpublished answers too.
		viewer: {
			userId: user?.id ?? null,
			isTeam: can(actor, 'comments.moderate', participation.agenda)
		},
		unconfirmedEmail: user && user.emailConfirmedAt === null ? user.email : null
	};
}

/** The part of the page header every participation page shows. */
export async function headerData(page: PageParticipation) {
	const { agenda, participation, state } = page;
	const { phase, version } = participation;
	const decided = (await currentDecision(db, agenda.id)) !== undefined;
	return {
		agenda: { slug: agenda.slug, title: agenda.title, municipality: agenda.municipality },
		/** The agenda's public progress page, once the council decided on it; else null. */
		progressHref: publicProgressHref(agenda, decided),
		version: { number: version.number, name: version.name, createdAt: version.createdAt },
		phase: { startsAt: phase.startsAt, endsAt: phase.endsAt, moderation: phase.moderation },
		state,
		round: page.round,
		/** The Fassung links on this page carry (`?fassung=`): null in the current round. */
		roundFassung: page.isCurrent ? null : version.number,
		rounds: page.rounds.map(roundData)
	};
}

/** A round as the pages name and link it. */
function roundData({ round, version, phase, state }: Round) {
	return {
		round,
		fassung: version.number,
		name: version.name,
		startsAt: phase.startsAt,
		endsAt: phase.endsAt,
		state
	};
}

/**
 * A comment as the page shows it, field by field (nothing else travels to the browser). Only
 * published answers appear, the team too sees here what the public sees, and the AG member who
 * wrote an answer stays unnamed: the AG answers as a body.
 */
function toThreadComment(view: CommentView, paragraphs: readonly string[]): ThreadComment {
	return {
		id: view.id,
		parentId: view.parentId,
		authorName: view.authorName,
		authorRole: view.authorRole,
		mine: view.mine,
		body: view.body,
		anchor: view.anchor,
		passageAt: view.anchor ? locateAnchor(view.anchor, paragraphs) : null,
		status: view.status,
		hiddenReason: view.hiddenReason,
		deleted: view.deleted,
		createdAt: view.createdAt,
		editedAt: view.editedAt,
		editableUntil: view.editableUntil,
		reportedByMe: view.reportedByMe,
		answer: view.answer?.published
			? { disposition: view.answer.disposition, reason: view.answer.reason }
			: null,
		replies: view.replies.map((reply) => toThreadComment(reply, paragraphs))
	};
}

export async function threadData(
	participation: PageParticipation,
	item: CommentItem,
	url: URL
): Promise<{
	comments: ThreadComment[];
	thread: ThreadState;
	notice: ThreadForm | null;
	earlierRounds: EarlierRoundThread[];
}> {
	const { phase, version } = participation.participation;
	const open = participation.state === 'open';
	const paragraphs = itemParagraphs(participation.content, item);
	const comments = (await listComments(db, version.id, item, participation.viewer)).map((view) =>
		toThreadComment(view, paragraphs)
	);
	return {
		comments,
		notice: postedNotice(url, comments),
		thread: {
			loggedIn: participation.viewer.userId !== null,
			unconfirmedEmail: participation.unconfirmedEmail,
			open,
			archived: !participation.isCurrent,
			moderation: phase.moderation,
			closedNote: open ? null : phaseClosedMessage(participation)
		},
		earlierRounds: await earlierRoundThreads(participation, item, paragraphs)
	};
}

/** What was said about one item in a round before the shown one. */
export interface EarlierRoundThread {
	round: ReturnType<typeof roundData>;
	comments: ThreadComment[];
}

/**
 * The comments on the same item (same id) in the rounds before the shown one, newest round
 * first: nothing said is lost when the text moves on to a new Fassung. A comment on a passage
 * points at that passage in the shown Fassung's `paragraphs` where it still exists, else it shows
 * the passage as it read. Rounds where nobody wrote on the item (or it did not exist yet) are
 * left out.
 */
async function earlierRoundThreads(
	participation: PageParticipation,
	item: CommentItem,
	paragraphs: readonly string[]
): Promise<EarlierRoundThread[]> {
	const threads: EarlierRoundThread[] = [];
	const earlier = participation.rounds.filter((round) => round.round < participation.round);
	for (const round of earlier.reverse()) {
		const views = await listComments(db, round.version.id, item, participation.viewer);
		threads.push({
			round: roundData(round),
			comments: views.map((view) => toThreadComment(view, paragraphs))
		});
	}
	return threads.filter((thread) => thread.comments.length > 0);
}

/** Why nothing can be written now: the phase has not begun, or it is over. */
export function phaseClosedMessage(participation: PublicParticipation): string {
	const { phase } = participation.participation;
	if (!participation.isCurrent) return m.public_round_archived();
	return participation.state === 'upcoming'
		? m.public_error_phase_upcoming(formatMoment(phase.startsAt))
		: m.public_error_phase_closed();
}

/** What a successful post redirects with, so that the page can say what happened. */
const POSTED = ['comment', 'reply', 'edit', 'delete', 'report', 'support'] as const;
export type PostedAction = (typeof POSTED)[number];

/**
 * POST/redirect/GET: after a successful post the page is fetched anew, so reloading it never
 * sends a comment twice. The redirect names the action and the comment, for the confirmation.
 */
export function redirectAfterPost(
	event: RequestEvent,
	action: PostedAction,
	commentId: string | null = null
): never {
	const params = new URLSearchParams({ erledigt: action });
	if (commentId) params.set('beitrag', commentId);
	const anchor = commentId && action !== 'delete' ? `#kommentar-${commentId}` : '#kommentare';
	redirect(
		303,
		`${event.url.pathname}?${params}${action === 'support' ? '#unterstuetzen' : anchor}`
	);
}

function findComment(comments: ThreadComment[], id: string): ThreadComment | null {
	for (const comment of comments) {
		if (comment.id === id) return comment;
		const reply = findComment(comment.replies, id);
		if (reply) return reply;
	}
	return null;
}

/** The confirmation after a redirect from `redirectAfterPost`, as a form result would carry it. */
export function postedNotice(url: URL, comments: ThreadComment[]): ThreadForm | null {
	const action = url.searchParams.get('erledigt') as PostedAction | null;
	if (!action || !POSTED.includes(action) || action === 'support') return null;
	const commentId = url.searchParams.get('beitrag');
	if (!commentId || !isId(commentId)) return null;
	const pending = findComment(comments, commentId)?.status === 'pending';
	const success = {
		comment: () => (pending ? m.public_comment_pending_saved() : m.public_comment_saved()),
		reply: () => (pending ? m.public_comment_pending_saved() : m.public_reply_saved()),
		edit: () => (pending ? m.public_edit_pending_saved() : m.public_edit_saved()),
		delete: () => m.public_delete_saved(),
		report: () => m.public_report_saved()
	}[action]();
	return { action, commentId, success };
}
