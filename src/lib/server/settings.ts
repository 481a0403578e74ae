import { eq } from 'drizzle-orm';
import { audit } from './audit';
import { type Db, type Executor, inTransaction } from './db/connection';
import { settings } from './db/schema';
import { isDecidingBody, type DecidingBody } from '$lib/export/deciding-body';

/** Instance-wide texts and choices the administration maintains. */
export const SETTING_KEYS = ['imprint', 'privacy', 'decidingBody'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
export const SETTING_MAX_CHARS = 20_000;

export async function getSetting(db: Executor, key: SettingKey): Promise<string | null> {
	const [row] = await db
		.select({ value: settings.value })
		.from(settings)
		.where(eq(settings.key, key));
	return row?.value ?? null;
}

export async function setSetting(
	db: Db,
	key: SettingKey,
	value: string,
	actorId: string
): Promise<void> {
	await inTransaction(db, async (tx) => {
		await tx
			.insert(settings)
			.values({ key, value, updatedAt: new Date() })
			.onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
		await audit(tx, { actorId, action: 'settings.update', details: { key, length: value.length } });
	});
}

/** The municipality's deciding body, or null while none is chosen (or the stored one is unknown). */
export async function getDecidingBody(db: Executor): Promise<DecidingBody | null> {
	const value = await getSetting(db, 'decidingBody');
	return value !== null && isDecidingBody(value) ? value : null;
}
