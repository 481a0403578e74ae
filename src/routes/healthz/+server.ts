import { json } from '@sveltejs/kit';
import { count } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { agendas } from '$lib/server/db/schema';
import type { RequestHandler } from './$types';

/** For load balancers and monitoring: healthy only when the database answers a real query. */
export const GET: RequestHandler = async () => {
	try {
		await db.select({ n: count() }).from(agendas);
		return json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
	} catch (cause) {
		console.error('healthz: database query failed', cause);
		return json(
			{ status: 'unavailable' },
			{ status: 503, headers: { 'Cache-Control': 'no-store' } }
		);
	}
};
