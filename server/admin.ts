/**
 * `npm run admin -- --email person@example.org`: makes an existing account instance admin,
 * for when the first registered person has left or the demo was skipped.
 */
import { eq } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { normalizeEmail } from '../src/lib/server/accounts/users';
import { audit } from '../src/lib/server/audit';
import { readConfig } from '../src/lib/server/config';
import { closeDatabase } from '../src/lib/server/db/connection';
import { users } from '../src/lib/server/db/schema';
import { prepareDatabase } from '../src/lib/server/startup';

const { values } = parseArgs({ options: { email: { type: 'string' } } });
if (!values.email) {
	console.error('Aufruf: npm run admin -- --email person@example.org');
	process.exit(2);
}

const db = await prepareDatabase({ ...readConfig(), seedDemo: false }, () => {});
const email = normalizeEmail(values.email);
const [user] = await db.select().from(users).where(eq(users.email, email));
if (!user) {
	console.error(`Kein Konto mit der E-Mail-Adresse ${email}. Bitte zuerst registrieren.`);
	process.exit(1);
}
await db.update(users).set({ isAdmin: true }).where(eq(users.id, user.id));
await audit(db, {
	actorId: null,
	action: 'user.make-admin',
	details: { userId: user.id, via: 'cli' }
});
console.log(`${user.displayName} <${email}> ist jetzt Administrator:in.`);
await closeDatabase(db);
