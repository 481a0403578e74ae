import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { changeDisplayName, changePassword, deleteAccount } from '$lib/server/accounts/users';
import { requireUser } from '$lib/server/agendas/access';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { createSession } from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import { mailLinkOrigin } from '$lib/server/mail/link-origin';
import { redirectToLogin } from '$lib/server/redirect-target';
import {
	displayNameField,
	givenPasswordField,
	nameRefusalMessage,
	newPasswordField,
	refuseOwnDataInPassword
} from '$lib/server/forms/account-fields';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import { followsOf } from '$lib/server/notifications/followed';
import { notificationSettingsOf } from '$lib/server/notifications/settings';
import { notificationsAction } from './notifications.server';
import { addressActions, addressData } from './address-actions.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user) redirectToLogin(url);
	// Set by the redirect after a password reset by mail (passwort-zuruecksetzen).
	return {
		email: locals.user.email,
		notifications: await notificationSettingsOf(db, locals.user.id),
		followed: await followsOf(db, locals.user.id),
		...addressData(locals.user),
		afterReset: url.searchParams.get('passwort') === 'zurueckgesetzt'
	};
};

const nameSchema = z.object({ displayName: displayNameField });
const passwordSchema = z.object({
	currentPassword: givenPasswordField,
	newPassword: newPasswordField
});
const deleteSchema = z.object({ password: givenPasswordField });

export const actions: Actions = {
	notifications: notificationsAction,
	...addressActions,

	name: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(nameSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'name');
		const result = await changeDisplayName(db, user.id, parsed.data.displayName);
		if (!result.ok) {
			const errors = { displayName: nameRefusalMessage(result.reason) };
			return formFailure(400, errors, parsed.values, 'name');
		}
		return { action: 'name', success: m.account_name_saved() };
	},

	password: async (event) => {
		const user = requireUser(event);
		const schema = passwordSchema.superRefine((form, ctx) =>
			refuseOwnDataInPassword(ctx, 'newPassword', form.newPassword, user)
		);
		const parsed = parseForm(schema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, {}, 'password');
		const result = await changePassword(
			db,
			user.id,
			parsed.data.currentPassword,
			parsed.data.newPassword,
			mailLinkOrigin(event.url)
		);
		if (!result.ok) {
			return formFailure(
				400,
				{ currentPassword: m.error_current_password_wrong() },
				{},
				'password'
			);
		}
		// Every session ended with the change (a thief's too); this browser gets a fresh one.
		const { token, session } = await createSession(db, user.id);
		setSessionCookie(event, token, session.expiresAt);
		return { action: 'password', success: m.account_password_saved() };
	},

	delete: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(deleteSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, {}, 'delete');
		const result = await deleteAccount(db, user.id, parsed.data.password);
		if (!result.ok) {
			const message =
				result.reason === 'sole-owner'
					? m.error_delete_sole_owner({ agendas: result.agendas.map((a) => a.title).join(', ') })
					: result.reason === 'last-admin'
						? m.error_delete_last_admin()
						: m.error_current_password_wrong();
			return formFailure(400, { password: message }, {}, 'delete');
		}
		deleteSessionCookie(event);
		redirect(303, '/?konto=geloescht');
	}
};
