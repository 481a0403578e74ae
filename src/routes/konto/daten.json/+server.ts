import { error, json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { exportUserData } from '$lib/server/accounts/personal-data';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** The user's own data as a download (GDPR Art. 15 and 20). */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) error(401, m.error_login_required());
	const data = await exportUserData(db, locals.user.id);
	if (!data) error(404, m.error_not_found());
	return json(data, {
		headers: {
			'Content-Disposition': 'attachment; filename="agendawerk-meine-daten.json"',
			'Cache-Control': 'no-store'
		}
	});
};
