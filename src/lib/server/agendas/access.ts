import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { can, permittedActions, type AgendaAction } from '$lib/permissions';
import type { SessionUser } from '../auth/session';
import { db } from '../db';
import { getAgenda, getRole } from './agendas';

function loginRedirect(event: RequestEvent): never {
	redirect(303, `/anmelden?weiter=${encodeURIComponent(event.url.pathname)}`);
}

/**
 * Loads an agenda with the visitor's role and answers the permission question for one action:
 * 404 for an unknown agenda, a log-in redirect for anonymous visitors, 403 for the wrong role.
 */
export function requireAgendaPermission(
	event: RequestEvent,
	agendaId: string,
	action: AgendaAction
) {
	const agenda = getAgenda(db, agendaId);
	if (!agenda) error(404, m.error_agenda_not_found());
	const user = event.locals.user;
	const role = user ? getRole(db, agenda.id, user.id) : null;
	const actor = { user, role };
	if (!can(actor, action, agenda)) {
		if (!user) loginRedirect(event);
		error(403, m.error_forbidden());
	}
	return { agenda, role, user, permissions: permittedActions(actor, agenda) };
}

/** As above, for actions that only signed-in people may ever do: the user is never null. */
export function requireSignedInAgendaPermission(
	event: RequestEvent,
	agendaId: string,
	action: AgendaAction
) {
	if (!event.locals.user) loginRedirect(event);
	const access = requireAgendaPermission(event, agendaId, action);
	return { ...access, user: event.locals.user as SessionUser };
}

/** For form actions and endpoints: the logged-in user, or a 401 (no redirect after a POST). */
export function requireUser(event: RequestEvent): SessionUser {
	if (!event.locals.user) error(401, m.error_login_required());
	return event.locals.user;
}
