import type { IncomingMessage } from 'node:http';
import type { ConnectionIdentity, UpgradeDecision } from '../../../../server/collab/hooks';
import { isId } from '../../id-format';
import { can } from '../../permissions';
import type { AgendaRole } from '../../roles';
import { getAgendaWithRole } from '../agendas/agendas';
import { SESSION_COOKIE, validateSessionToken } from '../auth/session';
import type { Db } from '../db/connection';

export const COLLAB_PATH = /^\/collab\/([^/]+)$/;

/** A member on a collab connection: the document is the agenda's (`documentId` = agenda id). */
export interface AgendaIdentity extends ConnectionIdentity {
	displayName: string;
	sessionId: string;
	role: AgendaRole;
	/** May change the Beschlussvorlage data (the document's `resolution` map). */
	canEditResolution: boolean;
}

/**
 * Decides a websocket upgrade from its request alone, before any document data is sent: the same
 * session cookie and the same permission rules (`draft.read`, `draft.edit`) as the pages.
 */
export async function authorizeUpgrade(
	db: Db,
	request: IncomingMessage,
	allowedOrigin: string | null
): Promise<UpgradeDecision<AgendaIdentity>> {
	const url = new URL(request.url ?? '/', 'http://localhost');
	const agendaId = COLLAB_PATH.exec(url.pathname)?.[1] ?? '';
	if (!isId(agendaId)) return { ok: false, status: 404, message: 'Agenda nicht gefunden' };

	// Browsers send the page's origin with every websocket: refuse other sites (cross-site hijacking).
	const origin = request.headers.origin;
	if (origin && !originAllowed(origin, request.headers.host, allowedOrigin)) {
		return { ok: false, status: 403, message: 'Fremde Herkunft' };
	}

	const token = readCookie(request.headers.cookie, SESSION_COOKIE);
	const { session, user } = token
		? await validateSessionToken(db, token)
		: { session: null, user: null };
	if (!session) return { ok: false, status: 401, message: 'Nicht angemeldet' };

	const found = await getAgendaWithRole(db, agendaId, user.id);
	if (!found) return { ok: false, status: 404, message: 'Agenda nicht gefunden' };
	const { agenda, role } = found;
	const actor = { user, role };
	if (!role || !can(actor, 'draft.read', agenda)) {
		return { ok: false, status: 403, message: 'Kein Zugriff auf diesen Entwurf' };
	}
	return {
		ok: true,
		identity: {
			documentId: agendaId,
			userId: user.id,
			displayName: user.displayName,
			sessionId: session.id,
			role,
			canWrite: can(actor, 'draft.edit', agenda),
			canEditResolution: can(actor, 'resolution.edit', agenda)
		}
	};
}

function originAllowed(origin: string, host: string | undefined, allowedOrigin: string | null) {
	if (allowedOrigin) return origin === allowedOrigin;
	try {
		return new URL(origin).host === host;
	} catch {
		return false;
	}
}

export function readCookie(header: string | undefined, name: string): string | null {
	for (const part of (header ?? '').split(';')) {
		const separator = part.indexOf('=');
		if (separator < 0) continue;
		if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim() || null;
	}
	return null;
}
