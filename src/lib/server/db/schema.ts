import { sqliteKinds } from './column-kinds';
import { defineTables } from './tables';

export * from './vocabulary';

/**
 * The tables as the app's code imports them. Today always SQLite's; PostgreSQL's come from the
 * same `defineTables` (see `schema-postgres.ts`).
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
	inquiryQuestions
} = defineTables(sqliteKinds);

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
