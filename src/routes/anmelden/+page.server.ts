import { redirect } from '@sveltejs/kit';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { isAfterRegistration } from '$lib/auth-links';
import { m } from '$lib/paraglide/messages';
import { authenticate, findUserByEmail, normalizeEmail } from '$lib/server/accounts/users';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { loginThrottle, minutesToWait } from '$lib/server/auth/limits';
import { createSession } from '$lib/server/auth/session';
import { readConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { DEMO_ACCOUNTS } from '$lib/server/demo/accounts';
import { emailField, givenPasswordField } from '$lib/server/forms/account-fields';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import { safeRedirectTarget } from '$lib/server/redirect-target';
import type { Actions, PageServerLoad } from './$types';

const loginSchema = z.object({ email: emailField, password: givenPasswordField });

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeRedirectTarget(url.searchParams.get('weiter'));
	if (locals.user) redirect(303, next);
	const config = readConfig();
	// The demo list disappears as soon as the demo accounts are gone (e.g. deleted in production).
	const demoAccounts: { email: string; displayName: string }[] = [];
	for (const { email, displayName } of DEMO_ACCOUNTS) {
		if (await findUserByEmail(db, email)) demoAccounts.push({ email, displayName });
	}
	return {
		next,
		afterRegistration: isAfterRegistration(url),
		demoAccounts,
		demoPassword: config.demoPasswordIsDefault ? config.demoPassword : null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const next = safeRedirectTarget(form.get('weiter'));
		const parsed = parseForm(loginSchema, form);
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values);

		const ip = event.getClientAddress();
		const email = normalizeEmail(parsed.data.email);
		// Counted as a failure from here on, before the slow password check (see LoginThrottle).
		const attempt = await loginThrottle.begin(ip, email);
		if (!attempt.allowed) {
			const message = m.error_too_many_logins({
				minutes: minutesToWait(attempt.retryAfterSeconds)
			});
			return formFailure(429, { form: message }, { email });
		}

		if (attempt.delayMs > 0) await sleep(attempt.delayMs);
		const user = await authenticate(db, email, parsed.data.password);
		if (!user) {
			// One message for unknown e-mail and wrong password: no hint which accounts exist.
			return formFailure(400, { form: m.error_login_failed() }, { email });
		}
		await attempt.succeeded();
		const { token, session } = await createSession(db, user.id);
		setSessionCookie(event, token, session.expiresAt);
		redirect(303, next);
	}
};
