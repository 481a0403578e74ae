import type { Config } from './config';
import { connect, type Db } from './db/connection';
import { migrateDatabase } from './db/migrate';
import { seedDemoIfEmpty } from './db/seed';
import { deleteExpiredSessions } from './auth/session';

/**
 * What every way of starting Agendawerk does before serving: migrate the schema and, on an empty
 * database, seed the demos (Musterstadt and Beispielhausen). Returns the connection for the caller's own use.
 */
export async function prepareDatabase(config: Config, log: (line: string) => void): Promise<Db> {
	const db = connect(config);
	await migrateDatabase(db, config.migrationsPath);
	await deleteExpiredSessions(db);
	if (config.seedDemo) {
		const seeded = await seedDemoIfEmpty(db, config.demoPassword);
		if (seeded) {
			log(`Demos „Musterstadt“ und „Beispielhausen“ angelegt (${seeded.users.length} Konten).`);
		}
	}
	return db;
}
