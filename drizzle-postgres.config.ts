import { defineConfig } from 'drizzle-kit';

/** Migrations of the PostgreSQL dialect (`DATABASE_URL=postgres://…`); SQLite's: drizzle.config.ts. */
export default defineConfig({
	schema: './src/lib/server/db/schema-postgres.ts',
	out: './drizzle-postgres',
	dialect: 'postgresql',
	dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/agendawerk' },
	strict: true,
	verbose: true
});
