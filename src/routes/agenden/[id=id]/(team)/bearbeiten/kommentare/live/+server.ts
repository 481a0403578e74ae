/**
 * The editor's live comment stream: a `changed` event whenever a comment, reply, edit, deletion,
 * report, moderation decision or answer of this agenda is saved. It carries no text; the editor
 * then reloads its comments through the page's load, which applies every permission.
 */
import { agendaAccess, requireUser } from '$lib/server/agendas/access';
import { readConfig } from '$lib/server/config';
import { changesStream } from '$lib/server/participation/live-stream';
import { commentsNotifier } from '$lib/server/participation/notify';
import type { RequestHandler } from './$types';

const { commentsLiveHeartbeatMs } = readConfig();

export const GET: RequestHandler = (event) => {
	// An EventSource cannot follow a login redirect usefully: anonymous visitors get a plain 401.
	requireUser(event);
	const { agenda } = agendaAccess(event, 'draft.read');
	return changesStream(commentsNotifier, agenda.id, event.request.signal, commentsLiveHeartbeatMs);
};
