import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import {
	can,
	needsAccount,
	permittedActions,
	type AgendaAction,
	type SignedInAction
} from '$lib/permissions';
import type { AgendaRole } from '$lib/roles';
import type { SessionUser } from '../auth/session';
import { db } from '../db';
import type { Agenda } from '../db/schema';
import { redirectToLogin } from '../redirect-target';
import { getAgenda, getAgendaWithRole, getRole, type AgendaWithRole } from './agendas';

/** Who asks, as `can()` needs it: the person (null: anonymous) and their role in the agenda. */
export async function agendaActor<U extends { id: string; isAdmin: boolean } | null>(
	user: U,
	agendaId: string
): Promise<{ user: U; role: AgendaRole | null }> {
	return { user, role: user ? await getRole(db, agendaId, user.id) : null };
}

export interface AgendaAccess<U extends SessionUser | null> {
	agenda: Agenda;
	user: U;
	role: AgendaRole | null;
	/** Every action's answer, for pages that show or hide controls. */
	permissions: Record<AgendaAction, boolean>;
}

/**
 * The guard of every agenda route (page load, form action, endpoint): the agenda of `params.id`
 * and the visitor's role, if `can()` allows `action`. Anonymous visitors are sent to log in,
 * before anything about the agenda (not even whether it exists) is looked up, when the action
 * needs an account anyway; then 404 for an unknown agenda, 403 for the wrong role. Layouts do not
 * protect actions, endpoints or loads that skip `await parent()`, so each of those calls this.
 * For actions that need an account the user is never null.
 */
export function agendaAccess(
	event: RequestEvent<{ id: string }>,
	action: SignedInAction
): Promise<AgendaAccess<SessionUser>>;
export function agendaAccess(
	event: RequestEvent<{ id: string }>,
	action: AgendaAction
): Promise<AgendaAccess<SessionUser | null>>;
export async function agendaAccess(
	event: RequestEvent<{ id: string }>,
	action: AgendaAction
): Promise<AgendaAccess<SessionUser | null>> {
	const user = event.locals.user;
	if (!user && needsAccount(action)) redirectToLogin(event.url);
	const found = await agendaWithRole(event.params.id, user);
	if (!found) error(404, m.error_agenda_not_found());
	const { agenda, role } = found;
	const actor = { user, role };
	if (!can(actor, action, agenda)) refuse(event);
	return { agenda, user, role, permissions: permittedActions(actor, agenda) };
}

/** The agenda and the visitor's role in it (an anonymous visitor has none). */
async function agendaWithRole(
	agendaId: string,
	user: SessionUser | null
): Promise<AgendaWithRole | undefined> {
	if (user) return getAgendaWithRole(db, agendaId, user.id);
	const agenda = await getAgenda(db, agendaId);
	return agenda && { agenda, role: null };
}

/**
 * The answer to a request `can()` refused: an anonymous visitor is asked to log in (an account
 * might be allowed), anyone else gets the German 403 page.
 */
export function refuse(event: RequestEvent): never {
	if (!event.locals.user) redirectToLogin(event.url);
	error(403, m.error_forbidden());
}

/** For form actions and endpoints: the logged-in user, or a 401 (no redirect after a POST). */
export function requireUser(event: RequestEvent): SessionUser {
	if (!event.locals.user) error(401, m.error_login_required());
	return event.locals.user;
}

/**
 * Who enters an agenda's team area (the check of its layout): whoever may see the member list,
 * that is the members and the instance admins, who look after every agenda's members. Each page,
 * action and endpoint there then asks `agendaAccess` for its own action.
 */
export const TEAM_AREA: SignedInAction = 'agenda.readMembers';

/** What the team pages' headers show of the agenda (loaded once, by the team layout). */
export function teamHeader(agenda: Agenda) {
	return { agenda: { id: agenda.id, slug: agenda.slug, title: agenda.title } };
}
