import { postgresKinds } from './column-kinds';
import { defineTables } from './tables';

/**
 * The tables in PostgreSQL, for `drizzle-kit` (`drizzle-postgres.config.ts`) and the PostgreSQL
 * connection: the same `defineTables` as SQLite's in `schema.ts`, with PostgreSQL's column kinds.
 * `schema.test.ts` checks that both export every table.
 */
export const {
	users,
	sessions,
	agendas,
	memberships,
	invitations,
	auditLog,
	docUpdates,
	versions,
	participationPhases,
	comments,
	commentReports,
	supports,
	commentAnswers,
	mails,
	passwordResets,
	emailTokens,
	notificationPreferences,
	notificationsSent,
	digestCursors,
	agendaFollows,
	settings,
	measureFollows,
	councilDecisions,
	monitoringFacts,
	monitoringWeights,
	inquiries,
	inquiryQuestions,
	leases
} = defineTables(postgresKinds);
