import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { isId } from '$lib/id-format';
import { can } from '$lib/permissions';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { AGENDA_ROLES, INVITABLE_ROLES } from '$lib/roles';
import { agendaAccess } from '$lib/server/agendas/access';
import { changeMemberRole, listMembers, removeMember } from '$lib/server/agendas/agendas';
import { invitationPath } from '$lib/server/agendas/invitation-mail';
import {
	createInvitation,
	listInvitations,
	revokeInvitation
} from '$lib/server/agendas/invitations';
import { db } from '$lib/server/db';
import { emailField } from '$lib/server/forms/account-fields';
import { confirmationStep } from '$lib/server/forms/confirm';
import { mailLinkOrigin } from '$lib/server/mail/link-origin';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import type { Actions, PageServerLoad } from './$types';

const idField = z.string().refine(isId, { error: () => m.error_choice_invalid() });
const inviteSchema = z.object({
	role: z.enum(INVITABLE_ROLES, { error: () => m.error_choice_invalid() }),
	// Optional: an empty field means a link to pass on by hand, as before.
	email: z
		.string()
		.optional()
		.transform((value) => value?.trim() || undefined)
		.pipe(emailField.optional())
});
const roleSchema = z.object({
	userId: idField,
	role: z.enum(AGENDA_ROLES, { error: () => m.error_choice_invalid() })
});
const memberSchema = z.object({ userId: idField });
const invitationSchema = z.object({ invitationId: idField });

export const load: PageServerLoad = (event) => {
	const { agenda, user } = agendaAccess(event, 'members.manage');
	return {
		currentUserId: user.id,
		members: listMembers(db, agenda.id),
		invitations: listInvitations(db, agenda.id)
	};
};

export const actions: Actions = {
	invite: async (event) => {
		const { agenda, user } = agendaAccess(event, 'members.manage');
		const parsed = parseForm(inviteSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'invite');
		const { role, email } = parsed.data;
		const { token, invitation } = await createInvitation(
			db,
			agenda.id,
			role,
			user.id,
			Date.now(),
			email ? { email, origin: mailLinkOrigin(event.url), fallbackLocale: getLocale() } : undefined
		);
		return {
			action: 'invite',
			invitationLink: `${event.url.origin}${invitationPath(token)}`,
			invitedRole: role,
			invitedEmail: invitation.email
		};
	},

	role: async (event) => {
		const { agenda, user } = agendaAccess(event, 'members.manage');
		const parsed = parseForm(roleSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, {}, 'role');
		const result = await changeMemberRole(
			db,
			agenda.id,
			parsed.data.userId,
			parsed.data.role,
			user.id
		);
		if (!result.ok) {
			const status = result.reason === 'not-member' ? 404 : 409;
			const message = result.reason === 'not-member' ? m.error_not_member() : m.error_last_owner();
			return formFailure(status, { form: message }, {}, 'role');
		}
		// Owners who hand over their own ownership lose this page with it (admins keep it).
		if (
			parsed.data.userId === user.id &&
			!can({ user, role: parsed.data.role }, 'members.manage', agenda)
		) {
			redirect(303, `/agenden/${agenda.id}`);
		}
		return { action: 'role', success: m.members_role_changed() };
	},

	remove: async (event) => {
		const { agenda, user } = agendaAccess(event, 'members.manage');
		const form = await readForm(event.request);
		const parsed = parseForm(memberSchema, form);
		if (!parsed.ok) return formFailure(400, parsed.errors, {}, 'remove');
		const step = confirmationStep(form, 'remove', parsed.values);
		if (step) return step;
		const result = await removeMember(db, agenda.id, parsed.data.userId, user.id);
		if (!result.ok) {
			const status = result.reason === 'not-member' ? 404 : 409;
			const message = result.reason === 'not-member' ? m.error_not_member() : m.error_last_owner();
			return formFailure(status, { form: message }, {}, 'remove');
		}
		if (parsed.data.userId === user.id && !can({ user, role: null }, 'members.manage', agenda)) {
			redirect(303, '/');
		}
		return { action: 'remove', success: m.members_removed() };
	},

	revoke: async (event) => {
		const { agenda, user } = agendaAccess(event, 'members.manage');
		const form = await readForm(event.request);
		const parsed = parseForm(invitationSchema, form);
		if (!parsed.ok) return formFailure(400, parsed.errors, {}, 'revoke');
		const step = confirmationStep(form, 'revoke', parsed.values);
		if (step) return step;
		if (!(await revokeInvitation(db, agenda.id, parsed.data.invitationId, user.id))) {
			return formFailure(404, { form: m.error_invitation_not_open() }, {}, 'revoke');
		}
		return { action: 'revoke', success: m.members_invitation_revoked() };
	}
};
