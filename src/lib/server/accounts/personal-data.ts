/**
 * The right of access (GDPR Art. 15): everything Agendawerk stores about a person, as one JSON
 * file (`/konto/daten.json`). Each table that holds a person's id has its part here; what others
 * wrote about them (answers to their comments) stays with its authors.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/connection';
import {
	agendaFollows,
	agendas,
	auditLog,
	commentReports,
	comments,
	councilDecisions,
	measureFollows,
	memberships,
	monitoringFacts,
	notificationPreferences,
	notificationsSent,
	sessions,
	supports,
	users,
	versions
} from '../db/schema';

export async function exportUserData(db: Db, userId: string) {
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	if (!user) return null;
	const userMemberships = await db
		.select({
			agendaId: agendas.id,
			agenda: agendas.title,
			role: memberships.role,
			since: memberships.createdAt
		})
		.from(memberships)
		.innerJoin(agendas, eq(memberships.agendaId, agendas.id))
		.where(eq(memberships.userId, userId));
	const actions = await db
		.select({
			at: auditLog.at,
			action: auditLog.action,
			agendaId: auditLog.agendaId,
			details: auditLog.details
		})
		.from(auditLog)
		.where(eq(auditLog.actorId, userId));
	const ownComments = await db
		.select({
			id: comments.id,
			agenda: agendas.title,
			fassung: versions.number,
			itemKind: comments.itemKind,
			itemId: comments.itemId,
			parentId: comments.parentId,
			text: comments.body,
			status: comments.status,
			hiddenReason: comments.hiddenReason,
			createdAt: comments.createdAt,
			editedAt: comments.editedAt,
			deletedAt: comments.deletedAt
		})
		.from(comments)
		.innerJoin(versions, eq(versions.id, comments.versionId))
		.innerJoin(agendas, eq(agendas.id, versions.agendaId))
		.where(eq(comments.authorId, userId));
	const ownSupports = await db
		.select({
			agenda: agendas.title,
			fassung: versions.number,
			measureId: supports.measureId,
			createdAt: supports.createdAt
		})
		.from(supports)
		.innerJoin(versions, eq(versions.id, supports.versionId))
		.innerJoin(agendas, eq(agendas.id, versions.agendaId))
		.where(eq(supports.userId, userId));
	const ownReports = await db
		.select({
			commentId: commentReports.commentId,
			reason: commentReports.reason,
			createdAt: commentReports.createdAt,
			resolvedAt: commentReports.resolvedAt
		})
		.from(commentReports)
		.where(eq(commentReports.reporterId, userId));
	const followedAgendas = await db
		.select({
			agendaId: agendaFollows.agendaId,
			agenda: agendas.title,
			since: agendaFollows.createdAt
		})
		.from(agendaFollows)
		.innerJoin(agendas, eq(agendas.id, agendaFollows.agendaId))
		.where(eq(agendaFollows.userId, userId));
	const followedMeasures = await db
		.select({
			agendaId: measureFollows.agendaId,
			agenda: agendas.title,
			measureId: measureFollows.measureId,
			since: measureFollows.createdAt
		})
		.from(measureFollows)
		.innerJoin(agendas, eq(agendas.id, measureFollows.agendaId))
		.where(eq(measureFollows.userId, userId));
	const preferences = await db
		.select({
			kind: notificationPreferences.kind,
			value: notificationPreferences.value,
			updatedAt: notificationPreferences.updatedAt
		})
		.from(notificationPreferences)
		.where(eq(notificationPreferences.userId, userId));
	const notified = await db
		.select({ event: notificationsSent.eventKey, at: notificationsSent.createdAt })
		.from(notificationsSent)
		.where(eq(notificationsSent.userId, userId));
	const ownFacts = await db
		.select({
			agenda: agendas.title,
			itemId: monitoringFacts.itemId,
			kind: monitoringFacts.kind,
			asOf: monitoringFacts.asOf,
			status: monitoringFacts.status,
			statusReason: monitoringFacts.statusReason,
			progress: monitoringFacts.progress,
			text: monitoringFacts.text,
			state: monitoringFacts.state,
			remark: monitoringFacts.remark,
			createdAt: monitoringFacts.createdAt
		})
		.from(monitoringFacts)
		.innerJoin(councilDecisions, eq(councilDecisions.id, monitoringFacts.decisionId))
		.innerJoin(agendas, eq(agendas.id, councilDecisions.agendaId))
		.where(eq(monitoringFacts.authorId, userId));
	const openSessions = await db
		.select({ expiresAt: sessions.expiresAt })
		.from(sessions)
		.where(eq(sessions.userId, userId));
	const iso = (date: Date | null) => date?.toISOString() ?? null;
	return {
		exportedAt: new Date().toISOString(),
		account: {
			id: user.id,
			email: user.email,
			displayName: user.displayName,
			isAdmin: user.isAdmin,
			emailConfirmedAt: iso(user.emailConfirmedAt),
			locale: user.locale,
			createdAt: user.createdAt.toISOString()
		},
		memberships: userMemberships.map((row) => ({ ...row, since: row.since.toISOString() })),
		activity: actions.map((row) => ({ ...row, at: row.at.toISOString() })),
		comments: ownComments.map((row) => ({
			...row,
			createdAt: row.createdAt.toISOString(),
			editedAt: iso(row.editedAt),
			deletedAt: iso(row.deletedAt)
		})),
		supports: ownSupports.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
		reports: ownReports.map((row) => ({
			...row,
			createdAt: row.createdAt.toISOString(),
			resolvedAt: iso(row.resolvedAt)
		})),
		follows: {
			agendas: followedAgendas.map((row) => ({ ...row, since: row.since.toISOString() })),
			measures: followedMeasures.map((row) => ({ ...row, since: row.since.toISOString() }))
		},
		notificationSettings: preferences.map((row) => ({
			...row,
			updatedAt: row.updatedAt.toISOString()
		})),
		notificationsSent: notified.map((row) => ({ ...row, at: row.at.toISOString() })),
		monitoringFacts: ownFacts.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
		// Only when they end: the session ids are hashes of the cookies and stay out of any file.
		sessions: openSessions.map((row) => ({ expiresAt: row.expiresAt.toISOString() }))
	};
}
