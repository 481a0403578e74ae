import { describe } from 'vitest';
import { openDatabase } from './db/connection';
import { createTestDatabase, testDialect } from '../../../tests/support/database';
import { describeBackgroundOnce } from './background-once.suite';

// Two connections to one SQLite file, as the app and a second process on the same file would.
// SQLite's by nature: in the unit-pg project the test database is PostgreSQL's, and
// background-once.postgres.test.ts runs the same suite with two pools on a cluster.
describe.runIf(testDialect() === 'sqlite')('on one SQLite file', () => {
	describeBackgroundOnce('SQLite', async () => {
		const t = createTestDatabase();
		const second = openDatabase(t.path);
		return {
			first: t.db,
			second,
			async dispose() {
				second.$client.close();
				await t.dispose();
			}
		};
	});
});
