import { db } from '$lib/server/db';
import { getSetting } from '$lib/server/settings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ text: await getSetting(db, 'privacy') });
