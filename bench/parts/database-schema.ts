/**
 * The few tables behind the hot paths of the database bench, once per dialect: the SQLite ones
 * as the app's migrations have them (columns the bench does not touch left out), the PostgreSQL
 * ones as a port would write them (timestamptz, boolean, bytea, jsonb, an identity column). Both
 * as drizzle tables (what the queries use) and as DDL (what creates them, by hand: the bench does
 * not port the app's migrations).
 */
import {
	boolean,
	customType,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey as pgPrimaryKey,
	text as pgText,
	timestamp
} from 'drizzle-orm/pg-core';
import {
	blob,
	integer as liteInteger,
	primaryKey as litePrimaryKey,
	sqliteTable,
	text as liteText
} from 'drizzle-orm/sqlite-core';

const liteTime = (name: string) => liteInteger(name, { mode: 'timestamp_ms' });

export const lite = {
	users: sqliteTable('users', {
		id: liteText('id').primaryKey(),
		email: liteText('email').notNull(),
		displayName: liteText('display_name').notNull(),
		passwordHash: liteText('password_hash').notNull(),
		isAdmin: liteInteger('is_admin', { mode: 'boolean' }).notNull(),
		emailConfirmedAt: liteTime('email_confirmed_at'),
		locale: liteText('locale').notNull()
	}),
	sessions: sqliteTable('sessions', {
		id: liteText('id').primaryKey(),
		userId: liteText('user_id').notNull(),
		expiresAt: liteTime('expires_at').notNull()
	}),
	memberships: sqliteTable(
		'memberships',
		{
			agendaId: liteText('agenda_id').notNull(),
			userId: liteText('user_id').notNull(),
			role: liteText('role').notNull()
		},
		(table) => [litePrimaryKey({ columns: [table.agendaId, table.userId] })]
	),
	docUpdates: sqliteTable('doc_updates', {
		seq: liteInteger('seq').primaryKey({ autoIncrement: true }),
		agendaId: liteText('agenda_id').notNull(),
		update: blob('update', { mode: 'buffer' }).notNull()
	}),
	versions: sqliteTable('versions', {
		id: liteText('id').primaryKey(),
		agendaId: liteText('agenda_id').notNull(),
		number: liteInteger('number').notNull()
	}),
	comments: sqliteTable('comments', {
		id: liteText('id').primaryKey(),
		versionId: liteText('version_id').notNull(),
		itemKind: liteText('item_kind').notNull(),
		itemId: liteText('item_id').notNull(),
		anchor: liteText('anchor', { mode: 'json' }),
		parentId: liteText('parent_id'),
		authorId: liteText('author_id'),
		body: liteText('body').notNull(),
		status: liteText('status').notNull(),
		hiddenReason: liteText('hidden_reason'),
		createdAt: liteTime('created_at').notNull(),
		editedAt: liteTime('edited_at'),
		deletedAt: liteTime('deleted_at')
	}),
	commentAnswers: sqliteTable('comment_answers', {
		commentId: liteText('comment_id').primaryKey(),
		disposition: liteText('disposition').notNull(),
		reason: liteText('reason').notNull(),
		answeredBy: liteText('answered_by'),
		answeredAt: liteTime('answered_at').notNull(),
		publishedAt: liteTime('published_at')
	}),
	supports: sqliteTable(
		'supports',
		{
			versionId: liteText('version_id').notNull(),
			measureId: liteText('measure_id').notNull(),
			userId: liteText('user_id').notNull()
		},
		(table) => [litePrimaryKey({ columns: [table.versionId, table.measureId, table.userId] })]
	)
};

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const pgTime = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const pg = {
	users: pgTable('users', {
		id: pgText('id').primaryKey(),
		email: pgText('email').notNull(),
		displayName: pgText('display_name').notNull(),
		passwordHash: pgText('password_hash').notNull(),
		isAdmin: boolean('is_admin').notNull(),
		emailConfirmedAt: pgTime('email_confirmed_at'),
		locale: pgText('locale').notNull()
	}),
	sessions: pgTable('sessions', {
		id: pgText('id').primaryKey(),
		userId: pgText('user_id').notNull(),
		expiresAt: pgTime('expires_at').notNull()
	}),
	memberships: pgTable(
		'memberships',
		{
			agendaId: pgText('agenda_id').notNull(),
			userId: pgText('user_id').notNull(),
			role: pgText('role').notNull()
		},
		(table) => [pgPrimaryKey({ columns: [table.agendaId, table.userId] })]
	),
	docUpdates: pgTable(
		'doc_updates',
		{
			seq: integer('seq').primaryKey().generatedAlwaysAsIdentity(),
			agendaId: pgText('agenda_id').notNull(),
			update: bytea('update').notNull()
		},
		(table) => [index('doc_updates_agenda_seq_idx').on(table.agendaId, table.seq)]
	),
	versions: pgTable('versions', {
		id: pgText('id').primaryKey(),
		agendaId: pgText('agenda_id').notNull(),
		number: integer('number').notNull()
	}),
	comments: pgTable('comments', {
		id: pgText('id').primaryKey(),
		versionId: pgText('version_id').notNull(),
		itemKind: pgText('item_kind').notNull(),
		itemId: pgText('item_id').notNull(),
		anchor: jsonb('anchor'),
		parentId: pgText('parent_id'),
		authorId: pgText('author_id'),
		body: pgText('body').notNull(),
		status: pgText('status').notNull(),
		hiddenReason: pgText('hidden_reason'),
		createdAt: pgTime('created_at').notNull(),
		editedAt: pgTime('edited_at'),
		deletedAt: pgTime('deleted_at')
	}),
	commentAnswers: pgTable('comment_answers', {
		commentId: pgText('comment_id').primaryKey(),
		disposition: pgText('disposition').notNull(),
		reason: pgText('reason').notNull(),
		answeredBy: pgText('answered_by'),
		answeredAt: pgTime('answered_at').notNull(),
		publishedAt: pgTime('published_at')
	}),
	supports: pgTable(
		'supports',
		{
			versionId: pgText('version_id').notNull(),
			measureId: pgText('measure_id').notNull(),
			userId: pgText('user_id').notNull()
		},
		(table) => [pgPrimaryKey({ columns: [table.versionId, table.measureId, table.userId] })]
	)
};

/** The same tables, keys, foreign keys and indexes in both dialects. */
export const LITE_DDL = `
CREATE TABLE agendas (id text PRIMARY KEY NOT NULL);
CREATE TABLE users (
	id text PRIMARY KEY NOT NULL, email text NOT NULL UNIQUE, display_name text NOT NULL,
	password_hash text NOT NULL, is_admin integer DEFAULT false NOT NULL,
	email_confirmed_at integer, locale text DEFAULT 'de' NOT NULL);
CREATE TABLE sessions (
	id text PRIMARY KEY NOT NULL,
	user_id text NOT NULL REFERENCES users(id) ON DELETE cascade, expires_at integer NOT NULL);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE TABLE memberships (
	agenda_id text NOT NULL REFERENCES agendas(id) ON DELETE cascade,
	user_id text NOT NULL REFERENCES users(id) ON DELETE cascade, role text NOT NULL,
	PRIMARY KEY (agenda_id, user_id));
CREATE TABLE doc_updates (
	seq integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	agenda_id text NOT NULL REFERENCES agendas(id) ON DELETE cascade, "update" blob NOT NULL,
	created_at integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL);
CREATE INDEX doc_updates_agenda_seq_idx ON doc_updates (agenda_id, seq);
CREATE TABLE versions (
	id text PRIMARY KEY NOT NULL, agenda_id text NOT NULL REFERENCES agendas(id) ON DELETE cascade,
	number integer NOT NULL);
CREATE UNIQUE INDEX versions_agenda_number_idx ON versions (agenda_id, number);
CREATE TABLE comments (
	id text PRIMARY KEY NOT NULL,
	version_id text NOT NULL REFERENCES versions(id) ON DELETE cascade,
	item_kind text NOT NULL, item_id text NOT NULL, anchor text,
	parent_id text REFERENCES comments(id) ON DELETE cascade,
	author_id text REFERENCES users(id) ON DELETE set null,
	body text NOT NULL, status text NOT NULL, hidden_reason text,
	created_at integer NOT NULL, edited_at integer, deleted_at integer);
CREATE INDEX comments_item_idx ON comments (version_id, item_kind, item_id);
CREATE INDEX comments_author_idx ON comments (author_id);
CREATE TABLE comment_answers (
	comment_id text PRIMARY KEY NOT NULL REFERENCES comments(id) ON DELETE cascade,
	disposition text NOT NULL, reason text NOT NULL,
	answered_by text REFERENCES users(id) ON DELETE set null,
	answered_at integer NOT NULL, published_at integer);
CREATE TABLE supports (
	version_id text NOT NULL REFERENCES versions(id) ON DELETE cascade, measure_id text NOT NULL,
	user_id text NOT NULL REFERENCES users(id) ON DELETE cascade,
	PRIMARY KEY (version_id, measure_id, user_id));
`;

export const PG_DDL = `
CREATE TABLE agendas (id text PRIMARY KEY);
CREATE TABLE users (
	id text PRIMARY KEY, email text NOT NULL UNIQUE, display_name text NOT NULL,
	password_hash text NOT NULL, is_admin boolean DEFAULT false NOT NULL,
	email_confirmed_at timestamptz, locale text DEFAULT 'de' NOT NULL);
CREATE TABLE sessions (
	id text PRIMARY KEY,
	user_id text NOT NULL REFERENCES users(id) ON DELETE cascade, expires_at timestamptz NOT NULL);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE TABLE memberships (
	agenda_id text NOT NULL REFERENCES agendas(id) ON DELETE cascade,
	user_id text NOT NULL REFERENCES users(id) ON DELETE cascade, role text NOT NULL,
	PRIMARY KEY (agenda_id, user_id));
CREATE TABLE doc_updates (
	seq integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	agenda_id text NOT NULL REFERENCES agendas(id) ON DELETE cascade, "update" bytea NOT NULL,
	created_at timestamptz DEFAULT now() NOT NULL);
CREATE INDEX doc_updates_agenda_seq_idx ON doc_updates (agenda_id, seq);
CREATE TABLE versions (
	id text PRIMARY KEY, agenda_id text NOT NULL REFERENCES agendas(id) ON DELETE cascade,
	number integer NOT NULL);
CREATE UNIQUE INDEX versions_agenda_number_idx ON versions (agenda_id, number);
CREATE TABLE comments (
	id text PRIMARY KEY,
	version_id text NOT NULL REFERENCES versions(id) ON DELETE cascade,
	item_kind text NOT NULL, item_id text NOT NULL, anchor jsonb,
	parent_id text REFERENCES comments(id) ON DELETE cascade,
	author_id text REFERENCES users(id) ON DELETE set null,
	body text NOT NULL, status text NOT NULL, hidden_reason text,
	created_at timestamptz NOT NULL, edited_at timestamptz, deleted_at timestamptz);
CREATE INDEX comments_item_idx ON comments (version_id, item_kind, item_id);
CREATE INDEX comments_author_idx ON comments (author_id);
CREATE TABLE comment_answers (
	comment_id text PRIMARY KEY REFERENCES comments(id) ON DELETE cascade,
	disposition text NOT NULL, reason text NOT NULL,
	answered_by text REFERENCES users(id) ON DELETE set null,
	answered_at timestamptz NOT NULL, published_at timestamptz);
CREATE TABLE supports (
	version_id text NOT NULL REFERENCES versions(id) ON DELETE cascade, measure_id text NOT NULL,
	user_id text NOT NULL REFERENCES users(id) ON DELETE cascade,
	PRIMARY KEY (version_id, measure_id, user_id));
`;
