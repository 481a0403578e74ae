import { openDatabase } from './db/connection';
import { createTestDatabase } from '../../../tests/support/database';
import { describeBackgroundOnce } from './background-once.suite';

// Two connections to one SQLite file, as the app and a second process on the same file would.
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
