import type { Closing } from '../../../../server/collab/hooks';
import { CLOSE } from '../../collab/close-codes';
import { can } from '../../permissions';
import { getAgenda, memberAccess } from '../agendas/agendas';
import { liveSessionIds } from '../auth/session';
import type { Db } from '../db/connection';
import type { AgendaIdentity } from './authorize';

/**
 * Which connections to an agenda lost their access since they were opened, and with which close
 * code the editor explains it: the agenda was deleted, the session ended (log-out, password
 * change, expiry), the membership was removed (or no longer allows reading the draft), or the
 * role changed (the client reconnects with its new rights). One lookup for the members and one
 * for the sessions of all connections.
 */
export async function recheckAgendaAccess(
	db: Db,
	agendaId: string,
	identities: readonly AgendaIdentity[]
): Promise<Map<AgendaIdentity, Closing>> {
	const closing = new Map<AgendaIdentity, Closing>();
	const agenda = await getAgenda(db, agendaId);
	if (!agenda) {
		for (const identity of identities) {
			closing.set(identity, { code: CLOSE.accessRevoked, reason: 'Agenda gelöscht' });
		}
		return closing;
	}
	const members = await memberAccess(db, agendaId);
	const live = await liveSessionIds(
		db,
		identities.map((identity) => identity.sessionId)
	);
	for (const identity of identities) {
		if (!live.has(identity.sessionId)) {
			closing.set(identity, { code: CLOSE.sessionEnded, reason: 'Sitzung beendet' });
			continue;
		}
		const member = members.get(identity.userId);
		const actor = { user: { isAdmin: member?.isAdmin ?? false }, role: member?.role ?? null };
		if (!member || !can(actor, 'draft.read', agenda)) {
			closing.set(identity, { code: CLOSE.accessRevoked, reason: 'Zugriff entzogen' });
		} else if (member.role !== identity.role) {
			closing.set(identity, { code: CLOSE.roleChanged, reason: 'Rolle geändert' });
		}
	}
	return closing;
}
