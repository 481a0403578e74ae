/**
 * The named form actions of every commentable item page (measure, goal, section): comment, reply,
 * edit, delete (after a confirmation step), report. Each refusal answers with a German message
 * through `formFailure` and changes nothing; the item comes from the URL, never from the form.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { isId } from '$lib/id-format';
import { m } from '$lib/paraglide/messages';
import {
	COMMENT_EDIT_WINDOW_MS,
	COMMENT_MAX_CHARS,
	REASON_MAX_CHARS
} from '$lib/participation/vocabulary';
import { commentsByUser, minutesToWait } from '$lib/server/auth/limits';
import type { SessionUser } from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import { confirmationStep } from '$lib/server/forms/confirm';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import {
	addComment,
	deleteComment,
	editComment,
	type CommentError
} from '$lib/server/participation/comments';
import { mailLinkOrigin } from '$lib/server/mail/link-origin';
import { itemExists, type CommentItem } from '$lib/server/participation/items';
import { reportComment } from '$lib/server/participation/moderation';
import { participationText } from '$lib/server/participation/text';
import { addressUnconfirmed } from '$lib/server/forms/address-unconfirmed';
import {
	phaseClosedMessage,
	redirectAfterPost,
	requireParticipation,
	type PageParticipation
} from './participation.server';

type ItemEvent<P> = RequestEvent<{ slug: string } & P>;

/** The item a page's URL names; whether the Fassung has it is the next question. */
type ItemOf<P> = (params: P) => CommentItem;

const EDIT_MINUTES = COMMENT_EDIT_WINDOW_MS / 60_000;

/**
 * Browsers send line breaks of a textarea as CRLF: counted as one character, as the textarea's
 * `maxlength` counts them, so that a text the form accepted is not refused as too long.
 */
function normalizeText(value: string): string {
	return value.replace(/\r\n?/g, '\n');
}

const idField = z.string().refine(isId, { error: () => m.public_error_comment_not_found() });
const bodyField = z.string({ error: () => m.public_error_empty() }).transform(normalizeText);
/**
 * A new comment may point to a paragraph of the item's text (0-based, empty for none) and to
 * words in it; the server checks both against the Fassung (`addComment`).
 */
const paragraphField = z
	.string()
	.optional()
	.transform((value, context) => {
		if (value === undefined || value.trim() === '') return null;
		if (!/^\d{1,6}$/.test(value.trim())) {
			context.addIssue({ code: 'custom', message: m.public_error_paragraph_unknown() });
			return z.NEVER;
		}
		return Number(value.trim());
	});
const commentSchema = z.object({
	body: bodyField,
	paragraph: paragraphField,
	quote: z.string().optional()
});
const replySchema = z.object({ parentId: idField, body: bodyField });
const editSchema = z.object({ commentId: idField, body: bodyField });
const deleteSchema = z.object({ commentId: idField });
const reportSchema = z.object({
	commentId: idField,
	reason: z.string({ error: () => m.public_error_reason_empty() }).transform(normalizeText)
});

/** Status and message of a refused comment, reply or edit. */
function commentRefusal(
	problem: CommentError,
	participation: PageParticipation,
	body: string
): { status: number; field: 'body' | 'form' | 'paragraph'; message: string } {
	switch (problem) {
		case 'phase-not-open':
			return { status: 403, field: 'form', message: phaseClosedMessage(participation) };
		case 'unknown-item':
			return { status: 404, field: 'form', message: m.public_error_item_not_found() };
		case 'unknown-parent':
			return { status: 404, field: 'form', message: m.public_error_parent() };
		case 'empty':
			return { status: 400, field: 'body', message: m.public_error_empty() };
		case 'too-long':
			return {
				status: 400,
				field: 'body',
				message: m.public_error_too_long({
					max: COMMENT_MAX_CHARS.toLocaleString('de-DE'),
					count: participationText(body).length.toLocaleString('de-DE')
				})
			};
		case 'not-found':
			return { status: 404, field: 'form', message: m.public_error_comment_not_found() };
		case 'not-author':
			return { status: 403, field: 'form', message: m.public_error_not_author() };
		case 'edit-window-over':
			return {
				status: 403,
				field: 'form',
				message: m.public_error_edit_window({ minutes: EDIT_MINUTES })
			};
		case 'answered':
			return { status: 409, field: 'form', message: m.public_error_answered() };
		case 'deleted':
			return { status: 400, field: 'form', message: m.public_error_deleted() };
		case 'unknown-paragraph':
			return { status: 400, field: 'paragraph', message: m.public_error_paragraph_unknown() };
		case 'quote-not-in-paragraph':
			return {
				status: 400,
				field: 'paragraph',
				message: m.public_error_quote_not_in_paragraph()
			};
	}
}

/** The page's participation and item; a 404 for an item the Fassung does not have. */
async function requireItem<P>(event: ItemEvent<P>, itemOf: ItemOf<P>) {
	const participation = await requireParticipation(event);
	const item = itemOf(event.params);
	if (!itemExists(participation.content, item)) error(404, m.public_error_item_not_found());
	return { participation, item };
}

/**
 * Comments, replies and reports count against one limit per account. Only what was accepted
 * counts (`counted`): a refused empty or over-long text costs nothing.
 */
async function rateLimited(user: SessionUser): Promise<number> {
	return commentsByUser.retryAfter(user.id);
}

async function counted(user: SessionUser): Promise<void> {
	await commentsByUser.hit(user.id);
}

function loginRequired(action: string, values: Record<string, string> = {}) {
	return formFailure(401, { form: m.public_error_login() }, values, action);
}

function tooMany(wait: number, action: string, values: Record<string, string>) {
	return formFailure(
		429,
		{ form: m.public_error_rate_limit({ minutes: minutesToWait(wait) }) },
		values,
		action
	);
}

/** A new comment or a reply: the same steps, except that a reply names its parent. */
async function postComment<P>(event: ItemEvent<P>, itemOf: ItemOf<P>, action: 'comment' | 'reply') {
	const { participation, item } = await requireItem(event, itemOf);
	const form = await readForm(event.request);
	const reply = action === 'reply' ? parseForm(replySchema, form) : null;
	const parsed = reply ?? parseForm(commentSchema, form);
	const user = event.locals.user;
	if (!user) return loginRequired(action, parsed.values);
	const unconfirmed = addressUnconfirmed(user, action, parsed.values);
	if (unconfirmed) return unconfirmed;
	if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, action);
	const wait = await rateLimited(user);
	if (wait > 0) return tooMany(wait, action, parsed.values);
	const result = await addComment(db, {
		participation: participation.participation,
		item,
		parentId: reply?.ok ? reply.data.parentId : null,
		authorId: user.id,
		body: parsed.data.body,
		passage:
			'paragraph' in parsed.data && parsed.data.paragraph !== null
				? { paragraph: parsed.data.paragraph, quote: parsed.data.quote ?? null }
				: null,
		origin: mailLinkOrigin(event.url)
	});
	if (!result.ok) {
		const refusal = commentRefusal(result.error, participation, parsed.data.body);
		return formFailure(refusal.status, { [refusal.field]: refusal.message }, parsed.values, action);
	}
	await counted(user);
	redirectAfterPost(event, action, result.comment.id);
}

export function threadActions<P>(itemOf: ItemOf<P>) {
	return {
		comment: (event: ItemEvent<P>) => postComment(event, itemOf, 'comment'),
		reply: (event: ItemEvent<P>) => postComment(event, itemOf, 'reply'),

		edit: async (event: ItemEvent<P>) => {
			const { participation } = await requireItem(event, itemOf);
			const parsed = parseForm(editSchema, await readForm(event.request));
			const user = event.locals.user;
			if (!user) return loginRequired('edit', parsed.values);
			if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'edit');
			const result = await editComment(db, {
				participation: participation.participation,
				commentId: parsed.data.commentId,
				userId: user.id,
				body: parsed.data.body
			});
			if (!result.ok) {
				const refusal = commentRefusal(result.error, participation, parsed.data.body);
				return formFailure(
					refusal.status,
					{ [refusal.field]: refusal.message },
					parsed.values,
					'edit'
				);
			}
			redirectAfterPost(event, 'edit', result.comment.id);
		},

		delete: async (event: ItemEvent<P>) => {
			const { participation } = await requireItem(event, itemOf);
			const form = await readForm(event.request);
			const parsed = parseForm(deleteSchema, form);
			const user = event.locals.user;
			if (!user) return loginRequired('delete', parsed.values);
			if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'delete');
			const step = confirmationStep(form, 'delete', parsed.values);
			if (step) return step;
			const result = await deleteComment(db, { commentId: parsed.data.commentId, userId: user.id });
			if (!result.ok) {
				const refusal = commentRefusal(result.error, participation, '');
				return formFailure(refusal.status, { form: refusal.message }, parsed.values, 'delete');
			}
			redirectAfterPost(event, 'delete', result.comment.id);
		},

		report: async (event: ItemEvent<P>) => {
			const { participation, item } = await requireItem(event, itemOf);
			const parsed = parseForm(reportSchema, await readForm(event.request));
			const user = event.locals.user;
			if (!user) return loginRequired('report', parsed.values);
			const unconfirmed = addressUnconfirmed(user, 'report', parsed.values);
			if (unconfirmed) return unconfirmed;
			if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'report');
			const wait = await rateLimited(user);
			if (wait > 0) return tooMany(wait, 'report', parsed.values);
			const result = await reportComment(db, {
				versionId: participation.participation.version.id,
				item,
				reporter: { ...participation.viewer, userId: user.id },
				commentId: parsed.data.commentId,
				reason: parsed.data.reason,
				origin: mailLinkOrigin(event.url)
			});
			if (!result.ok) {
				const errors: Record<string, string> =
					result.error === 'empty-reason'
						? { reason: m.public_error_reason_empty() }
						: result.error === 'reason-too-long'
							? { reason: m.public_error_reason_too_long({ max: REASON_MAX_CHARS }) }
							: result.error === 'already-reported'
								? { form: m.public_error_already_reported() }
								: { form: m.public_error_comment_not_found() };
				const status =
					result.error === 'not-found' ? 404 : result.error === 'already-reported' ? 409 : 400;
				return formFailure(status, errors, parsed.values, 'report');
			}
			await counted(user);
			redirectAfterPost(event, 'report', parsed.data.commentId);
		}
	};
}
