import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { acceptInvitation, lookupInvitation } from '$lib/server/agendas/invitations';
import { db } from '$lib/server/db';
import { redirectToLogin } from '$lib/server/redirect-target';
import type { Actions, PageServerLoad } from './$types';

function invitationProblem(reason: 'unknown' | 'used' | 'expired' | 'already-member'): string {
	return {
		unknown: m.error_invitation_unknown,
		used: m.error_invitation_used,
		expired: m.error_invitation_expired,
		'already-member': m.error_invitation_already_member
	}[reason]();
}

export const load: PageServerLoad = ({ params, locals, url }) => {
	const found = lookupInvitation(db, params.token);
	if (!found.ok) {
		error(found.reason === 'unknown' ? 404 : 410, invitationProblem(found.reason));
	}
	return {
		agendaTitle: found.agenda.title,
		role: found.invitation.role,
		expiresAt: found.invitation.expiresAt,
		signedIn: locals.user !== null,
		here: url.pathname
	};
};

export const actions: Actions = {
	default: async ({ params, locals, url }) => {
		if (!locals.user) redirectToLogin(url);
		const result = await acceptInvitation(db, params.token, locals.user.id);
		if (!result.ok) {
			const status = { unknown: 404, used: 410, expired: 410, 'already-member': 409 }[
				result.reason
			];
			return fail(status, { message: invitationProblem(result.reason) });
		}
		redirect(303, `/agenden/${result.agendaId}`);
	}
};
