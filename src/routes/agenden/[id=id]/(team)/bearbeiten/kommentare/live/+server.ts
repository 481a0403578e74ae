/**
 * The editor's live comment stream: a `changed` event whenever a comment, reply, edit, deletion,
 * report, moderation decision or answer of this agenda is saved. It carries no text; the editor
 * then reloads its comments through the page's load, which applies every permission.
 */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { agendaAccess, requireUser } from '$lib/server/agendas/access';
import { readConfig } from '$lib/server/config';
import { changesStream } from '$lib/server/participation/live-stream';
import { streamQuota } from '$lib/server/participation/stream-quota';
import { commentsNotifier } from '$lib/server/participation/notify';
import type { RequestHandler } from './$types';

const { commentsLiveHeartbeatMs, commentsLiveStreamsPerUser } = readConfig();
const quota = streamQuota(commentsLiveStreamsPerUser);

export const GET: RequestHandler = async (event) => {
	// An EventSource cannot follow a login redirect usefully: anonymous visitors get a plain 401.
	const user = requireUser(event);
	const { agenda } = await agendaAccess(event, 'draft.read');
	const release = quota.take(user.id);
	if (!release) error(429, m.editor_live_too_many());
	return changesStream(
		commentsNotifier,
		agenda.id,
		event.request.signal,
		commentsLiveHeartbeatMs,
		release
	);
};
