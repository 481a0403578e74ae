import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { AGENDA_ROLES, AGENDA_STATUSES, AGENDA_VISIBILITIES } from '../../roles';

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	/** Stored lower-cased and trimmed, so that look-ups are exact. */
	email: text('email').notNull().unique(),
	displayName: text('display_name').notNull(),
	passwordHash: text('password_hash').notNull(),
	isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
	createdAt: createdAt()
});

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 of the cookie token (hex): a leaked database does not leak live sessions. */
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('sessions_user_idx').on(table.userId)]
);

export const agendas = sqliteTable('agendas', {
	id: text('id').primaryKey(),
	slug: text('slug').notNull().unique(),
	title: text('title').notNull(),
	municipality: text('municipality').notNull(),
	periodStart: integer('period_start').notNull(),
	periodEnd: integer('period_end').notNull(),
	visibility: text('visibility', { enum: AGENDA_VISIBILITIES }).notNull().default('internal'),
	status: text('status', { enum: AGENDA_STATUSES }).notNull().default('draft'),
	createdAt: createdAt()
});

export const memberships = sqliteTable(
	'memberships',
	{
		agendaId: text('agenda_id')
			.notNull()
			.references(() => agendas.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: AGENDA_ROLES }).notNull(),
		createdAt: createdAt()
	},
	(table) => [
		primaryKey({ columns: [table.agendaId, table.userId] }),
		index('memberships_user_idx').on(table.userId)
	]
);

export const invitations = sqliteTable(
	'invitations',
	{
		id: text('id').primaryKey(),
		/** SHA-256 of the link token (hex); the token itself is shown once and never stored. */
		tokenHash: text('token_hash').notNull().unique(),
		agendaId: text('agenda_id')
			.notNull()
			.references(() => agendas.id, { onDelete: 'cascade' }),
		role: text('role', { enum: AGENDA_ROLES }).notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		usedBy: text('used_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(table) => [index('invitations_agenda_idx').on(table.agendaId)]
);

export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: createdAt(),
		actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
		agendaId: text('agenda_id').references(() => agendas.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		/** JSON object with what the action changed; never passwords or tokens. */
		details: text('details', { mode: 'json' }).$type<Record<string, unknown>>()
	},
	(table) => [index('audit_agenda_idx').on(table.agendaId)]
);

/**
 * The Yjs update log of each agenda's document. The collab server appends every accepted update
 * before it broadcasts it, and from time to time replaces a prefix of the log by one merged state
 * (compaction). The document is the merge of all rows of the agenda, in `seq` order.
 */
export const docUpdates = sqliteTable(
	'doc_updates',
	{
		seq: integer('seq').primaryKey({ autoIncrement: true }),
		agendaId: text('agenda_id')
			.notNull()
			.references(() => agendas.id, { onDelete: 'cascade' }),
		update: blob('update', { mode: 'buffer' }).notNull(),
		at: createdAt()
	},
	(table) => [index('doc_updates_agenda_seq_idx').on(table.agendaId, table.seq)]
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Agenda = typeof agendas.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
