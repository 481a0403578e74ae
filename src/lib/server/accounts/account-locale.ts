import { eq } from 'drizzle-orm';
import { type Db } from '../db/connection';
import { users, type AccountLocale } from '../db/schema';

/** The language of the account's mails. */
export async function setAccountLocale(
	db: Db,
	userId: string,
	locale: AccountLocale
): Promise<void> {
	await db.update(users).set({ locale }).where(eq(users.id, userId));
}
