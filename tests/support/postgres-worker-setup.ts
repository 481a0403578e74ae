/**
 * Setup file of the `unit-pg` and `http-pg` projects: runs in each worker before the test file
 * imports anything, because the schema picks its dialect from `DATABASE_URL` when it loads
 * (`src/lib/server/db/dialect.ts`). The URL names the cluster of the global setup; each test
 * makes a database of its own there (`createTestDatabase`, `startTestServer`).
 */
import { inject } from 'vitest';

process.env.DATABASE_URL = inject('postgresAdminUrl');
process.env.AGENDAWERK_POSTGRES_BIN = inject('postgresBinDir');
