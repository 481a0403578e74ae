import { postgresKinds, sqliteKinds } from './column-kinds';
import { databaseDialect } from './dialect';
import { defineTables } from './tables';

export * from './vocabulary';

/**
 * The tables as the app's code imports them, in the dialect of this process (`DATABASE_URL`):
 * drizzle turns a value into what the column's database stores, so a PostgreSQL connection needs
 * PostgreSQL's tables. Both come from the same `defineTables`; `schema-postgres.ts` has
 * PostgreSQL's for drizzle-kit and the tests whatever the process speaks.
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
} = defineTables(databaseDialect() === 'postgres' ? postgresKinds : sqliteKinds);

export type User = typeof users.$inferSelect;
export type Mail = typeof mails.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Agenda = typeof agendas.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type Version = typeof versions.$inferSelect;
export type ParticipationPhase = typeof participationPhases.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type CommentAnswer = typeof commentAnswers.$inferSelect;
export type EmailToken = typeof emailTokens.$inferSelect;
export type Inquiry = typeof inquiries.$inferSelect;
export type InquiryQuestion = typeof inquiryQuestions.$inferSelect;
