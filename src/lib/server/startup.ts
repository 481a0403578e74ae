import type { Config } from './config';
import { connect, postgresSetting, type Db } from './db/connection';
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
	const warning = await durabilityWarning(db);
	if (warning) log(warning);
	await deleteExpiredSessions(db);
	if (config.seedDemo) {
		const seeded = await seedDemoIfEmpty(db, config.demoPassword);
		if (seeded) {
			log(`Demos „Musterstadt“ und „Beispielhausen“ angelegt (${seeded.users.length} Konten).`);
		}
	}
	return db;
}

export const SYNCHRONOUS_COMMIT_OFF =
	'Warnung: synchronous_commit ist in PostgreSQL ausgeschaltet – bestätigte Änderungen können bei einem Absturz der Datenbank verloren gehen; bitte auf „on“ stellen.';

/**
 * "Nothing a client received is lost" (architecture §3.2) holds only if PostgreSQL answers a
 * commit once it is on disk: a warning when it does not.
 */
export async function durabilityWarning(db: Db): Promise<string | null> {
	return (await postgresSetting(db, 'synchronous_commit')) === 'off'
		? SYNCHRONOUS_COMMIT_OFF
		: null;
}
