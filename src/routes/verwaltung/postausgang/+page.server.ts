import { readConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { requireInstanceAdmin } from '$lib/server/instance-admin';
import { listOutbox } from '$lib/server/mail/outbox';
import type { PageServerLoad } from './$types';

const smtpConfigured = readConfig().mail.smtpUrl !== null;

export const load: PageServerLoad = async (event) => {
	requireInstanceAdmin(event);
	return { smtpConfigured, mails: await listOutbox(db) };
};
