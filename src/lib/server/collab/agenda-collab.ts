import type * as Y from 'yjs';
import type { CollabHooks } from '../../../../server/collab/hooks';
import {
	createCollabServer,
	logToConsole,
	type CollabOptions
} from '../../../../server/collab/server';
import { metaMap } from '../../agenda/ydoc/layout';
import { ensureLayout } from '../../agenda/ydoc/mutations';
import { onAccessChange } from '../access-changes';
import type { Db } from '../db/connection';
import { reportIfUnreachable } from '../db/unavailable';
import { syncAgendaListing } from '../documents/listing';
import { recheckAgendaAccess } from './access-recheck';
import { authorizeUpgrade, type AgendaIdentity } from './authorize';
import { LogPersistence } from './log-persistence';
import { clusterFanOut } from './cluster-fan-out';
import { clusterBus } from '../redis/bus';
import { agendaUpdateFilter } from './update-filter';

export interface AgendaCollabOptions extends Omit<
	CollabOptions<AgendaIdentity>,
	'hooks' | 'persistence'
> {
	/** The public origin (ORIGIN); without it, a websocket must come from the page's own host. */
	allowedOrigin?: string | null;
	/** Open connections per agenda (the core's per-document limit). */
	maxConnectionsPerAgenda?: number;
}

/** The collab server on `/collab/<agendaId>`, with the agenda application plugged in. */
export function createAgendaCollabServer(db: Db, options: AgendaCollabOptions = {}) {
	const { allowedOrigin = null, maxConnectionsPerAgenda, log = logToConsole, ...limits } = options;
	return createCollabServer<AgendaIdentity>({
		...limits,
		// An unreachable database (sign-in check, loading, storing, rechecks) is one outage, logged
		// once; the core answers the upgrade with 503 and closes the rooms that cannot store.
		log: (message, error) => {
			if (error === undefined || !reportIfUnreachable(db, error)) log(message, error);
		},
		maxConnectionsPerDocument: maxConnectionsPerAgenda ?? limits.maxConnectionsPerDocument,
		hooks: agendaCollabHooks(db, allowedOrigin),
		persistence: new LogPersistence(db),
		// Other processes with the same document, when REDIS_URL joins them (server/index.ts).
		fanOut: limits.fanOut ?? clusterFanOut(clusterBus())
	});
}

/** How agendas plug into the collab core. */
export function agendaCollabHooks(
	db: Db,
	allowedOrigin: string | null
): CollabHooks<AgendaIdentity> {
	return {
		handles: (path) => path === '/collab' || path.startsWith('/collab/'),
		authenticate: (request) => authorizeUpgrade(db, request, allowedOrigin),
		recheck: (agendaId, identities) => recheckAgendaAccess(db, agendaId, identities),
		onAccessChange: (listener) => onAccessChange(({ agendaId }) => listener(agendaId)),
		load(agendaId, doc) {
			// Documents made before a part of the layout existed get it now, before any client can
			// create the same shared type concurrently.
			ensureLayout(doc);
			return { filter: agendaUpdateFilter(doc), unload: watchListing(db, agendaId, doc) };
		},
		// Presence shows the name and role the server knows, so nobody can appear as someone else.
		rewriteAwareness(state, identity) {
			const user = typeof state.user === 'object' && state.user ? state.user : {};
			return {
				...state,
				user: { ...user, id: identity.userId, name: identity.displayName, role: identity.role }
			};
		}
	};
}

/**
 * Title and period edited in the document reach the agenda row (lists, links) within a second.
 * Returns what to do on unload: write out a change still waiting.
 */
function watchListing(db: Db, agendaId: string, doc: Y.Doc): () => Promise<void> {
	let timer: NodeJS.Timeout | null = null;
	/** Never rejects: a failure is logged, the next change of the title tries again. */
	const sync = async () => {
		timer = null;
		try {
			await syncAgendaListing(db, agendaId, doc);
		} catch (error) {
			if (!reportIfUnreachable(db, error)) {
				console.error(`Collab: Titel von ${agendaId} nicht übernommen`, error);
			}
		}
	};
	metaMap(doc).observeDeep(() => {
		timer ??= setTimeout(() => void sync(), 1000);
	});
	return async () => {
		if (!timer) return;
		clearTimeout(timer);
		await sync();
	};
}
