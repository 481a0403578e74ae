import { eq } from 'drizzle-orm';
import { audit } from './audit';
import { type Db, type Executor, writeTransaction } from './db/connection';
import { settings } from './db/schema';
import { isDecidingBody, type DecidingBody } from '$lib/export/deciding-body';

/** Instance-wide texts and choices the administration maintains. */
export const SETTING_KEYS = ['imprint', 'privacy', 'decidingBody'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
export const SETTING_MAX_CHARS = 20_000;

export function getSetting(db: Executor, key: SettingKey): string | null {
	return (
		db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value ??
		null
	);
}

export function setSetting(db: Db, key: SettingKey, value: string, actorId: string): void {
	writeTransaction(db, (tx) => {
		tx.insert(settings)
			.values({ key, value, updatedAt: new Date() })
			.onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } })
			.run();
		audit(tx, { actorId, action: 'settings.update', details: { key, length: value.length } });
	});
}

/** The municipality's deciding body, or null while none is chosen (or the stored one is unknown). */
export function getDecidingBody(db: Executor): DecidingBody | null {
	const value = getSetting(db, 'decidingBody');
	return value !== null && isDecidingBody(value) ? value : null;
}
