/**
 * The text of the AG's digest: counts at the top, then the new comments grouped by item, each
 * item with the link to its place in the editor, then the new reports with the link to the
 * moderation queue. Written in the recipient's language; dates in Berlin time.
 */
import { editorItemPath, editorPath } from '$lib/editor/editor-url';
import { formatDateTime } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { kindLabel, untitled } from '$lib/participation/report-table';
import type { CommentItemKind, CommentStatus } from '$lib/participation/vocabulary';
import type { AccountLocale } from '../db/schema';
import type { NotificationMessage } from './notify';

export interface DigestItem {
	kind: CommentItemKind;
	id: string;
	/** The measure's or goal's title in its newest Fassung; sections are named by the messages. */
	title: string;
}

export interface DigestComment {
	item: DigestItem;
	/** null: the author deleted their account. */
	authorName: string | null;
	body: string;
	isReply: boolean;
	status: CommentStatus;
	createdAt: Date;
}

export interface DigestReport {
	item: DigestItem;
	/** The reported comment's author and text. */
	authorName: string | null;
	body: string;
	reason: string;
	createdAt: Date;
}

/** What one person has not been told yet about one agenda, oldest first. */
export interface Digest {
	agenda: { id: string; title: string };
	since: Date;
	comments: DigestComment[];
	reports: DigestReport[];
}

/**
 * Entries listed in one mail: a digest of a busy day stays readable and small; the counts at
 * the top still say everything, and the editor shows the rest.
 */
export const DIGEST_LISTED_MAX = 40;

/** How much of a comment the digest quotes. */
export const DIGEST_EXCERPT_CHARS = 160;

export function digestMessage(
	digest: Digest,
	locale: AccountLocale,
	origin: string
): NotificationMessage {
	const o = { locale };
	const summary = [
		digest.comments.length > 0 ? m.mail_digest_comments({ count: digest.comments.length }, o) : '',
		digest.reports.length > 0 ? m.mail_digest_reports({ count: digest.reports.length }, o) : ''
	]
		.filter((part) => part !== '')
		.join(', ');
	const agenda = digest.agenda.title;
	const editor = origin + editorPath(digest.agenda.id);
	const paragraphs: string[] = [
		m.mail_digest_intro({ agenda, since: formatDateTime(digest.since, locale), summary }, o)
	];
	let listed = 0;
	for (const [item, comments] of byItem(digest.comments)) {
		if (listed >= DIGEST_LISTED_MAX) break;
		const url = origin + editorItemPath(digest.agenda.id, item);
		paragraphs.push(m.mail_digest_item({ ...itemParams(item, locale), url }, o));
		for (const comment of comments.slice(0, DIGEST_LISTED_MAX - listed)) {
			paragraphs.push(commentLine(comment, locale));
			listed++;
		}
	}
	if (digest.reports.length > 0 && listed < DIGEST_LISTED_MAX) {
		const url = `${origin}/agenden/${digest.agenda.id}/moderation`;
		paragraphs.push(m.mail_digest_reports_heading({ url }, o));
		for (const report of digest.reports.slice(0, DIGEST_LISTED_MAX - listed)) {
			paragraphs.push(
				m.mail_digest_report(
					{
						...itemParams(report.item, locale),
						author: authorOf(report.authorName, locale),
						excerpt: excerpt(report.body),
						reason: excerpt(report.reason)
					},
					o
				)
			);
			listed++;
		}
	}
	const unlisted = digest.comments.length + digest.reports.length - listed;
	if (unlisted > 0) paragraphs.push(m.mail_digest_more({ count: unlisted }, o));
	return {
		subject: m.mail_digest_subject({ agenda, summary }, o),
		paragraphs,
		action: { label: m.mail_digest_action({}, o), url: editor },
		reason: m.mail_digest_reason({ agenda }, o)
	};
}

/** The comments of each item, items in the order their first new comment came. */
function byItem(comments: DigestComment[]): Map<DigestItem, DigestComment[]> {
	const keyed = new Map<string, [DigestItem, DigestComment[]]>();
	for (const comment of comments) {
		const key = `${comment.item.kind}:${comment.item.id}`;
		const entry = keyed.get(key);
		if (entry) entry[1].push(comment);
		else keyed.set(key, [comment.item, [comment]]);
	}
	return new Map(keyed.values());
}

function itemParams(item: DigestItem, locale: AccountLocale): { kind: string; title: string } {
	const o = { locale };
	const title =
		item.kind !== 'section'
			? untitled(item.title, locale)
			: item.id === 'leitbild'
				? m.public_section_leitbild({}, o)
				: m.public_section_ausgangslage({}, o);
	return { kind: kindLabel(item.kind, locale), title };
}

function commentLine(comment: DigestComment, locale: AccountLocale): string {
	const o = { locale };
	const params = {
		author: authorOf(comment.authorName, locale),
		date: formatDateTime(comment.createdAt, locale),
		excerpt: excerpt(comment.body)
	};
	const line = comment.isReply ? m.mail_digest_reply(params, o) : m.mail_digest_comment(params, o);
	const status =
		comment.status === 'pending'
			? m.mail_digest_status_pending({}, o)
			: comment.status === 'hidden'
				? m.mail_digest_status_hidden({}, o)
				: '';
	return status === '' ? line : `${line} ${status}`;
}

function authorOf(name: string | null, locale: AccountLocale): string {
	return name ?? m.comment_deleted_account({}, { locale });
}

/** The start of a text on one line, cut at a word where it is long. */
export function excerpt(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim();
	// By code points, so that no emoji is cut in half.
	const chars = Array.from(line);
	if (chars.length <= DIGEST_EXCERPT_CHARS) return line;
	const cut = chars.slice(0, DIGEST_EXCERPT_CHARS).join('');
	const space = cut.lastIndexOf(' ');
	return `${(space > DIGEST_EXCERPT_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()} …`;
}
