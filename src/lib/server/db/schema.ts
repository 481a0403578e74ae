import { sql } from 'drizzle-orm';
import {
	blob,
	check,
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';
import type { PassageAnchor } from '../../participation/anchor';
import { AGENDA_ROLES, AGENDA_STATUSES, AGENDA_VISIBILITIES } from '../../roles';
import {
	COMMENT_ITEM_KINDS,
	COMMENT_STATUSES,
	DISPOSITIONS,
	MODERATION_MODES
} from '../../participation/vocabulary';
import {
	DECISION_RESULTS,
	FACT_KINDS,
	FACT_STATES,
	IMPLEMENTATION_STATUSES,
	MONITORED_KINDS
} from '../../monitoring/vocabulary';

/** The languages an account's mails can be in (Paraglide's locales). */
export const ACCOUNT_LOCALES = ['de', 'en'] as const;
export type AccountLocale = (typeof ACCOUNT_LOCALES)[number];

export const EMAIL_TOKEN_PURPOSES = ['confirm', 'change'] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

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
	/** When the owner followed the confirmation link; null: commenting and supporting wait for it. */
	emailConfirmedAt: integer('email_confirmed_at', { mode: 'timestamp_ms' }),
	/** The language of the person's mails, and of the pages when they sign in. */
	locale: text('locale', { enum: ACCOUNT_LOCALES }).notNull().default('de'),
	/**
	 * The secret in the unsubscribe link of this person's notifications (List-Unsubscribe): it
	 * changes what they receive, nothing else, and works without signing in. Made on first use.
	 */
	unsubscribeToken: text('unsubscribe_token').unique(),
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
		/** The address the invitation was mailed to; null: a link to pass on by hand. */
		email: text('email'),
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

/**
 * A Fassung: the draft frozen at one moment, as the validated `Agenda` (what pages, diffs and
 * exports read) and as the Yjs state (to restore or compare exactly). Immutable once written.
 */
export const versions = sqliteTable(
	'versions',
	{
		id: text('id').primaryKey(),
		agendaId: text('agenda_id')
			.notNull()
			.references(() => agendas.id, { onDelete: 'cascade' }),
		/** 1, 2, 3 … per agenda */
		number: integer('number').notNull(),
		name: text('name').notNull(),
		content: text('content', { mode: 'json' }).notNull().$type<unknown>(),
		state: blob('state', { mode: 'buffer' }).notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(table) => [uniqueIndex('versions_agenda_number_idx').on(table.agendaId, table.number)]
);

/** A period in which citizens comment on one Fassung. */
export const participationPhases = sqliteTable(
	'participation_phases',
	{
		id: text('id').primaryKey(),
		agendaId: text('agenda_id')
			.notNull()
			.references(() => agendas.id, { onDelete: 'cascade' }),
		versionId: text('version_id')
			.notNull()
			.unique()
			.references(() => versions.id, { onDelete: 'cascade' }),
		startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
		endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
		intro: text('intro').notNull().default(''),
		/** pre: comments appear after approval; post: at once, moderated afterwards */
		moderation: text('moderation', { enum: MODERATION_MODES }).notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(table) => [index('phases_agenda_idx').on(table.agendaId)]
);

export const comments = sqliteTable(
	'comments',
	{
		id: text('id').primaryKey(),
		versionId: text('version_id')
			.notNull()
			.references(() => versions.id, { onDelete: 'cascade' }),
		/** What the comment is about: an entity id (measure, goal) or a section key. */
		itemKind: text('item_kind', { enum: COMMENT_ITEM_KINDS }).notNull(),
		itemId: text('item_id').notNull(),
		/** A comment on one passage of the item's text (`PassageAnchor`); null: on the whole item. */
		anchor: text('anchor', { mode: 'json' }).$type<PassageAnchor>(),
		parentId: text('parent_id').references((): AnySQLiteColumn => comments.id, {
			onDelete: 'cascade'
		}),
		/** null once the author deleted their account ("gelöschtes Konto") */
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		status: text('status', { enum: COMMENT_STATUSES }).notNull(),
		hiddenReason: text('hidden_reason'),
		moderatedBy: text('moderated_by').references(() => users.id, { onDelete: 'set null' }),
		moderatedAt: integer('moderated_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
		/** Deleted by the author: the text is gone, the place in the thread stays. */
		deletedAt: integer('deleted_at', { mode: 'timestamp_ms' })
	},
	(table) => [
		index('comments_item_idx').on(table.versionId, table.itemKind, table.itemId),
		index('comments_author_idx').on(table.authorId)
	]
);

export const commentReports = sqliteTable(
	'comment_reports',
	{
		id: text('id').primaryKey(),
		commentId: text('comment_id')
			.notNull()
			.references(() => comments.id, { onDelete: 'cascade' }),
		reporterId: text('reporter_id').references(() => users.id, { onDelete: 'set null' }),
		reason: text('reason').notNull(),
		createdAt: createdAt(),
		resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
		resolvedBy: text('resolved_by').references(() => users.id, { onDelete: 'set null' })
	},
	(table) => [index('reports_comment_idx').on(table.commentId)]
);

/** One support per person and measure of a Fassung. */
export const supports = sqliteTable(
	'supports',
	{
		versionId: text('version_id')
			.notNull()
			.references(() => versions.id, { onDelete: 'cascade' }),
		measureId: text('measure_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(table) => [primaryKey({ columns: [table.versionId, table.measureId, table.userId] })]
);

/** The AG's answer to a comment: written by editors, made public by the owner. */
export const commentAnswers = sqliteTable('comment_answers', {
	commentId: text('comment_id')
		.primaryKey()
		.references(() => comments.id, { onDelete: 'cascade' }),
	disposition: text('disposition', { enum: DISPOSITIONS }).notNull(),
	reason: text('reason').notNull(),
	answeredBy: text('answered_by').references(() => users.id, { onDelete: 'set null' }),
	answeredAt: integer('answered_at', { mode: 'timestamp_ms' }).notNull(),
	publishedAt: integer('published_at', { mode: 'timestamp_ms' })
});

/** What happened to a mail: waiting to be sent (again), sent, kept in the outbox, given up. */
export const MAIL_STATUSES = ['queued', 'sent', 'outbox', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * Every mail the instance sends, queued in the same transaction as what caused it and sent by the
 * background worker (`src/lib/server/mail/worker.ts`): a crash or an SMTP outage loses nothing.
 * Without SMTP the worker files it in the outbox (`/verwaltung/postausgang`).
 */
export const mails = sqliteTable(
	'mails',
	{
		id: text('id').primaryKey(),
		/** what the mail is about, e.g. `password-reset` (for the outbox and the log) */
		kind: text('kind').notNull(),
		to: text('to').notNull(),
		subject: text('subject').notNull(),
		text: text('text').notNull(),
		html: text('html').notNull(),
		/** extra headers, e.g. List-Unsubscribe */
		headers: text('headers', { mode: 'json' }).notNull().$type<Record<string, string>>(),
		status: text('status', { enum: MAIL_STATUSES }).notNull().default('queued'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
		/** A worker sending it holds it until then; after a crash the lease runs out. */
		lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
		lastError: text('last_error'),
		createdAt: createdAt(),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' })
	},
	(table) => [index('mails_due_idx').on(table.status, table.nextAttemptAt)]
);

/** A password reset link: its token only as SHA-256, valid for an hour, usable once. */
export const passwordResets = sqliteTable(
	'password_resets',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull().unique(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(table) => [index('password_resets_user_idx').on(table.userId)]
);

/**
 * A link that proves the person reads the address: `confirm` at registration (of the account's
 * address), `change` for a new address (which becomes the account's only when confirmed). Stored
 * as SHA-256 only, usable once.
 */
export const emailTokens = sqliteTable(
	'email_tokens',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: EMAIL_TOKEN_PURPOSES }).notNull(),
		/** the address the link was sent to, lower-cased */
		email: text('email').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(table) => [index('email_tokens_user_idx').on(table.userId)]
);

/**
 * What a person chose to receive (`NOTIFICATION_KINDS` in `$lib/notifications/kinds`); a kind
 * without a row has its default.
 */
export const notificationPreferences = sqliteTable(
	'notification_preferences',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		/** `off`, `on`, or a frequency such as `daily` / `immediate` */
		value: text('value').notNull(),
		updatedAt: createdAt()
	},
	(table) => [primaryKey({ columns: [table.userId, table.kind] })]
);

/**
 * Every event a person was notified of, by a key such as `comment-answered:<commentId>`: the
 * primary key is what makes sure nobody gets the same event twice.
 */
export const notificationsSent = sqliteTable(
	'notifications_sent',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		eventKey: text('event_key').notNull(),
		createdAt: createdAt()
	},
	(table) => [primaryKey({ columns: [table.userId, table.eventKey] })]
);

/** Up to when a member's digest of an agenda has told them everything. */
export const digestCursors = sqliteTable(
	'digest_cursors',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		agendaId: text('agenda_id')
			.notNull()
			.references(() => agendas.id, { onDelete: 'cascade' }),
		coveredUntil: integer('covered_until', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.userId, table.agendaId] })]
);

/** A citizen who wants to hear when a round of this agenda opens or is about to end. */
export const agendaFollows = sqliteTable(
	'agenda_follows',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		agendaId: text('agenda_id')
			.notNull()
			.references(() => agendas.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(table) => [
		primaryKey({ columns: [table.userId, table.agendaId] }),
		index('agenda_follows_agenda_idx').on(table.agendaId)
	]
);

/** Instance-wide texts: imprint and privacy notice. */
export const settings = sqliteTable('settings', {
	key: text('key').primaryKey(),
	value: text('value').notNull(),
	updatedAt: createdAt()
});

/**
 * A citizen following one measure of an agenda on its progress page: a mail when its status
 * changes or a Sachstand about it is approved. Measure ids stay the same across Fassungen, so a
 * follow outlives the next decision.
 */
export const measureFollows = sqliteTable(
	'measure_follows',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		agendaId: text('agenda_id')
			.notNull()
			.references(() => agendas.id, { onDelete: 'cascade' }),
		measureId: text('measure_id').notNull(),
		createdAt: createdAt()
	},
	(table) => [
		primaryKey({ columns: [table.userId, table.agendaId, table.measureId] }),
		index('measure_follows_measure_idx').on(table.agendaId, table.measureId)
	]
);

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

/**
 * The council's decision that made a Fassung the resolved plan (the baseline of monitoring).
 * Fassungen never change, so neither does the plan; the live draft may move on towards the next
 * update of the strategy, which a later decision makes the new baseline.
 */
export const councilDecisions = sqliteTable(
	'council_decisions',
	{
		id: text('id').primaryKey(),
		agendaId: text('agenda_id')
			.notNull()
			.references(() => agendas.id, { onDelete: 'cascade' }),
		versionId: text('version_id')
			.notNull()
			.unique()
			.references(() => versions.id, { onDelete: 'cascade' }),
		/** ISO date of the session that decided. */
		decidedOn: text('decided_on').notNull(),
		/** Beschluss-Nr., e.g. `2027/0012`. */
		number: text('number').notNull(),
		result: text('result', { enum: DECISION_RESULTS }).notNull(),
		/** The OParl Paper or AgendaItem of the council's own system, if it has one. */
		oparlUrl: text('oparl_url'),
		recordedBy: text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(table) => [index('council_decisions_agenda_idx').on(table.agendaId, table.decidedOn)]
);

/**
 * The dated facts of monitoring (see `$lib/monitoring/facts.ts`), one row each, with the way to
 * the public: draft → submitted → approved, or returned with a remark. Only approved rows count.
 * Each kind fills its own columns; the checks keep a row from being two kinds at once.
 */
export const monitoringFacts = sqliteTable(
	'monitoring_facts',
	{
		id: text('id').primaryKey(),
		decisionId: text('decision_id')
			.notNull()
			.references(() => councilDecisions.id, { onDelete: 'cascade' }),
		itemKind: text('item_kind', { enum: MONITORED_KINDS }).notNull(),
		/** The measure's or inventory item's id in the resolved Fassung. */
		itemId: text('item_id').notNull(),
		kind: text('kind', { enum: FACT_KINDS }).notNull(),
		/** ISO date the fact speaks of. */
		asOf: text('as_of').notNull(),
		status: text('status', { enum: IMPLEMENTATION_STATUSES }),
		statusReason: text('status_reason'),
		progress: integer('progress'),
		text: text('text'),
		milestoneId: text('milestone_id'),
		indicatorId: text('indicator_id'),
		value: real('value'),
		year: integer('year'),
		actualCostCents: integer('actual_cost_cents'),
		fundingReceivedCents: integer('funding_received_cents'),
		state: text('state', { enum: FACT_STATES }).notNull().default('draft'),
		/** The owner's remark when returning it. */
		remark: text('remark'),
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
		decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
		decidedAt: integer('decided_at', { mode: 'timestamp_ms' })
	},
	(table) => [
		index('monitoring_facts_item_idx').on(table.decisionId, table.itemId, table.asOf),
		index('monitoring_facts_state_idx').on(table.decisionId, table.state),
		check(
			'monitoring_facts_kind_values',
			sql`(${table.kind} = 'report' and ${table.status} is not null and ${table.text} is not null)
				or (${table.kind} = 'milestone' and ${table.milestoneId} is not null)
				or (${table.kind} = 'indicator' and ${table.indicatorId} is not null and ${table.value} is not null)
				or (${table.kind} = 'finance' and ${table.year} is not null
					and ${table.actualCostCents} is not null and ${table.fundingReceivedCents} is not null)`
		),
		check(
			'monitoring_facts_progress_range',
			sql`${table.progress} is null or ${table.progress} between 0 and 100`
		)
	]
);

/** How much a measure weighs in the roll-up; without a row it weighs 1 (`DEFAULT_WEIGHT`). */
export const monitoringWeights = sqliteTable(
	'monitoring_weights',
	{
		decisionId: text('decision_id')
			.notNull()
			.references(() => councilDecisions.id, { onDelete: 'cascade' }),
		measureId: text('measure_id').notNull(),
		weight: real('weight').notNull()
	},
	(table) => [
		primaryKey({ columns: [table.decisionId, table.measureId] }),
		check('monitoring_weights_range', sql`${table.weight} >= 0 and ${table.weight} <= 1000`)
	]
);

/**
 * An Anfrage of the council (a Fraktion's or a member's inquiry) that the administration answers
 * from the monitoring data: the questions, the measures each one asks about, and the „Antwort der
 * Verwaltung“ as drafted from the data and edited before export.
 */
export const inquiries = sqliteTable(
	'inquiries',
	{
		id: text('id').primaryKey(),
		agendaId: text('agenda_id')
			.notNull()
			.references(() => agendas.id, { onDelete: 'cascade' }),
		/** Betreff of the Anfrage. */
		title: text('title').notNull(),
		/** Drucksache-Nr. of the Anfrage in the council's system, e.g. `AF/2027/014`. */
		reference: text('reference').notNull().default(''),
		/** Who asks: a Fraktion, a group or a member of the council. */
		askedBy: text('asked_by').notNull().default(''),
		/** ISO date the Anfrage came in. */
		receivedOn: text('received_on'),
		/** ISO date the answer speaks of (the Stichtag of its figures). */
		stichtag: text('stichtag').notNull(),
		/** The Anfrage's OParl Paper in the council's own system, if it has one. */
		oparlUrl: text('oparl_url'),
		/** Drucksache-Nr. of the answer, once the council office has given one. */
		answerReference: text('answer_reference').notNull().default(''),
		/** Vorbemerkung of the administration, before „Zu 1.“. */
		preamble: text('preamble').notNull().default(''),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('inquiries_agenda_idx').on(table.agendaId, table.createdAt)]
);

/** One question of an Anfrage, in its order, with the items it asks about and its answer. */
export const inquiryQuestions = sqliteTable(
	'inquiry_questions',
	{
		id: text('id').primaryKey(),
		inquiryId: text('inquiry_id')
			.notNull()
			.references(() => inquiries.id, { onDelete: 'cascade' }),
		/** 1, 2, 3 … as in „Zu 1.“. */
		position: integer('position').notNull(),
		question: text('question').notNull(),
		/** Ids of measures and Bestandsaufnahme items (of the resolved plan) the answer draws on. */
		itemIds: text('item_ids', { mode: 'json' })
			.notNull()
			.$type<string[]>()
			.default(sql`'[]'`),
		/** The answer as the clerk edited it; null while the draft from the data stands. */
		answer: text('answer'),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('inquiry_questions_inquiry_idx').on(table.inquiryId, table.position)]
);

export type Inquiry = typeof inquiries.$inferSelect;
export type InquiryQuestion = typeof inquiryQuestions.$inferSelect;
