import { sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ColumnKinds } from './column-kinds';
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
import { ACCOUNT_LOCALES, EMAIL_TOKEN_PURPOSES, MAIL_STATUSES } from './vocabulary';

/**
 * Every table of the app, described once for both database dialects: `k` gives the column kinds
 * of SQLite or of PostgreSQL (`column-kinds.ts`). The types are SQLite's, and the queries written
 * against them run on either, because drizzle's query builders are the same.
 */
export function defineTables(k: ColumnKinds) {
	const createdAt = () => k.timestamp('created_at').notNull().default(k.now());

	const users = k.table('users', {
		id: k.text('id').primaryKey(),
		/** Stored lower-cased and trimmed, so that look-ups are exact. */
		email: k.text('email').notNull().unique(),
		displayName: k.text('display_name').notNull(),
		passwordHash: k.text('password_hash').notNull(),
		isAdmin: k.boolean('is_admin').notNull().default(false),
		/** When the owner followed the confirmation link; null: commenting and supporting wait for it. */
		emailConfirmedAt: k.timestamp('email_confirmed_at'),
		/** The language of the person's mails, and of the pages when they sign in. */
		locale: k.text('locale', { enum: ACCOUNT_LOCALES }).notNull().default('de'),
		/**
		 * The secret in the unsubscribe link of this person's notifications (List-Unsubscribe): it
		 * changes what they receive, nothing else, and works without signing in. Made on first use.
		 */
		unsubscribeToken: k.text('unsubscribe_token').unique(),
		createdAt: createdAt()
	});

	const sessions = k.table(
		'sessions',
		{
			/** SHA-256 of the cookie token (hex): a leaked database does not leak live sessions. */
			id: k.text('id').primaryKey(),
			userId: k
				.text('user_id')
				.notNull()
				.references(() => users.id, { onDelete: 'cascade' }),
			expiresAt: k.timestamp('expires_at').notNull()
		},
		(table) => [k.index('sessions_user_idx').on(table.userId)]
	);

	const agendas = k.table('agendas', {
		id: k.text('id').primaryKey(),
		slug: k.text('slug').notNull().unique(),
		title: k.text('title').notNull(),
		municipality: k.text('municipality').notNull(),
		periodStart: k.integer('period_start').notNull(),
		periodEnd: k.integer('period_end').notNull(),
		visibility: k.text('visibility', { enum: AGENDA_VISIBILITIES }).notNull().default('internal'),
		status: k.text('status', { enum: AGENDA_STATUSES }).notNull().default('draft'),
		createdAt: createdAt()
	});

	const memberships = k.table(
		'memberships',
		{
			agendaId: k
				.text('agenda_id')
				.notNull()
				.references(() => agendas.id, { onDelete: 'cascade' }),
			userId: k
				.text('user_id')
				.notNull()
				.references(() => users.id, { onDelete: 'cascade' }),
			role: k.text('role', { enum: AGENDA_ROLES }).notNull(),
			createdAt: createdAt()
		},
		(table) => [
			k.primaryKey({ columns: [table.agendaId, table.userId] }),
			k.index('memberships_user_idx').on(table.userId)
		]
	);

	const invitations = k.table(
		'invitations',
		{
			id: k.text('id').primaryKey(),
			/** SHA-256 of the link token (hex); the token itself is shown once and never stored. */
			tokenHash: k.text('token_hash').notNull().unique(),
			agendaId: k
				.text('agenda_id')
				.notNull()
				.references(() => agendas.id, { onDelete: 'cascade' }),
			role: k.text('role', { enum: AGENDA_ROLES }).notNull(),
			/** The address the invitation was mailed to; null: a link to pass on by hand. */
			email: k.text('email'),
			createdBy: k.text('created_by').references(() => users.id, { onDelete: 'set null' }),
			expiresAt: k.timestamp('expires_at').notNull(),
			usedAt: k.timestamp('used_at'),
			usedBy: k.text('used_by').references(() => users.id, { onDelete: 'set null' }),
			createdAt: createdAt()
		},
		(table) => [k.index('invitations_agenda_idx').on(table.agendaId)]
	);

	const auditLog = k.table(
		'audit_log',
		{
			id: k.serial('id'),
			at: createdAt(),
			actorId: k.text('actor_id').references(() => users.id, { onDelete: 'set null' }),
			agendaId: k.text('agenda_id').references(() => agendas.id, { onDelete: 'set null' }),
			action: k.text('action').notNull(),
			/** JSON object with what the action changed; never passwords or tokens. */
			details: k.json('details').$type<Record<string, unknown>>()
		},
		(table) => [k.index('audit_agenda_idx').on(table.agendaId)]
	);

	/**
	 * The Yjs update log of each agenda's document. The collab server appends every accepted update
	 * before it broadcasts it, and from time to time replaces a prefix of the log by one merged state
	 * (compaction). The document is the merge of all rows of the agenda, in `seq` order.
	 *
	 * `seq` counts per document and is taken as the next free number in the statement that appends
	 * (`update-log.ts`): the key makes a second process that took the same number wait for the
	 * first one's commit and then fail, so a number is committed only after every smaller one
	 * (docs/architecture.md §3.1). Whoever has seen n has everything before it.
	 */
	const docUpdates = k.table(
		'doc_updates',
		{
			agendaId: k
				.text('agenda_id')
				.notNull()
				.references(() => agendas.id, { onDelete: 'cascade' }),
			seq: k.integer('seq').notNull(),
			update: k.bytes('update').notNull(),
			at: createdAt()
		},
		(table) => [k.primaryKey({ columns: [table.agendaId, table.seq] })]
	);

	/**
	 * A Fassung: the draft frozen at one moment, as the validated `Agenda` (what pages, diffs and
	 * exports read) and as the Yjs state (to restore or compare exactly). Immutable once written.
	 */
	const versions = k.table(
		'versions',
		{
			id: k.text('id').primaryKey(),
			agendaId: k
				.text('agenda_id')
				.notNull()
				.references(() => agendas.id, { onDelete: 'cascade' }),
			/** 1, 2, 3 … per agenda */
			number: k.integer('number').notNull(),
			name: k.text('name').notNull(),
			content: k.json('content').notNull().$type<unknown>(),
			state: k.bytes('state').notNull(),
			createdBy: k.text('created_by').references(() => users.id, { onDelete: 'set null' }),
			createdAt: createdAt()
		},
		(table) => [k.uniqueIndex('versions_agenda_number_idx').on(table.agendaId, table.number)]
	);

	/** A period in which citizens comment on one Fassung. */
	const participationPhases = k.table(
		'participation_phases',
		{
			id: k.text('id').primaryKey(),
			agendaId: k
				.text('agenda_id')
				.notNull()
				.references(() => agendas.id, { onDelete: 'cascade' }),
			versionId: k
				.text('version_id')
				.notNull()
				.unique()
				.references(() => versions.id, { onDelete: 'cascade' }),
			startsAt: k.timestamp('starts_at').notNull(),
			endsAt: k.timestamp('ends_at').notNull(),
			intro: k.text('intro').notNull().default(''),
			/** pre: comments appear after approval; post: at once, moderated afterwards */
			moderation: k.text('moderation', { enum: MODERATION_MODES }).notNull(),
			createdBy: k.text('created_by').references(() => users.id, { onDelete: 'set null' }),
			createdAt: createdAt()
		},
		(table) => [k.index('phases_agenda_idx').on(table.agendaId)]
	);

	const comments = k.table(
		'comments',
		{
			id: k.text('id').primaryKey(),
			versionId: k
				.text('version_id')
				.notNull()
				.references(() => versions.id, { onDelete: 'cascade' }),
			/** What the comment is about: an entity id (measure, goal) or a section key. */
			itemKind: k.text('item_kind', { enum: COMMENT_ITEM_KINDS }).notNull(),
			itemId: k.text('item_id').notNull(),
			/** A comment on one passage of the item's text (`PassageAnchor`); null: on the whole item. */
			anchor: k.json('anchor').$type<PassageAnchor>(),
			parentId: k.text('parent_id').references((): AnySQLiteColumn => comments.id, {
				onDelete: 'cascade'
			}),
			/** null once the author deleted their account ("gelöschtes Konto") */
			authorId: k.text('author_id').references(() => users.id, { onDelete: 'set null' }),
			body: k.text('body').notNull(),
			status: k.text('status', { enum: COMMENT_STATUSES }).notNull(),
			hiddenReason: k.text('hidden_reason'),
			moderatedBy: k.text('moderated_by').references(() => users.id, { onDelete: 'set null' }),
			moderatedAt: k.timestamp('moderated_at'),
			createdAt: createdAt(),
			editedAt: k.timestamp('edited_at'),
			/** Deleted by the author: the text is gone, the place in the thread stays. */
			deletedAt: k.timestamp('deleted_at')
		},
		(table) => [
			k.index('comments_item_idx').on(table.versionId, table.itemKind, table.itemId),
			k.index('comments_author_idx').on(table.authorId)
		]
	);

	const commentReports = k.table(
		'comment_reports',
		{
			id: k.text('id').primaryKey(),
			commentId: k
				.text('comment_id')
				.notNull()
				.references(() => comments.id, { onDelete: 'cascade' }),
			reporterId: k.text('reporter_id').references(() => users.id, { onDelete: 'set null' }),
			reason: k.text('reason').notNull(),
			createdAt: createdAt(),
			resolvedAt: k.timestamp('resolved_at'),
			resolvedBy: k.text('resolved_by').references(() => users.id, { onDelete: 'set null' })
		},
		(table) => [k.index('reports_comment_idx').on(table.commentId)]
	);

	/** One support per person and measure of a Fassung. */
	const supports = k.table(
		'supports',
		{
			versionId: k
				.text('version_id')
				.notNull()
				.references(() => versions.id, { onDelete: 'cascade' }),
			measureId: k.text('measure_id').notNull(),
			userId: k
				.text('user_id')
				.notNull()
				.references(() => users.id, { onDelete: 'cascade' }),
			createdAt: createdAt()
		},
		(table) => [k.primaryKey({ columns: [table.versionId, table.measureId, table.userId] })]
	);

	/** The AG's answer to a comment: written by editors, made public by the owner. */
	const commentAnswers = k.table('comment_answers', {
		commentId: k
			.text('comment_id')
			.primaryKey()
			.references(() => comments.id, { onDelete: 'cascade' }),
		disposition: k.text('disposition', { enum: DISPOSITIONS }).notNull(),
		reason: k.text('reason').notNull(),
		answeredBy: k.text('answered_by').references(() => users.id, { onDelete: 'set null' }),
		answeredAt: k.timestamp('answered_at').notNull(),
		publishedAt: k.timestamp('published_at')
	});

	/**
	 * Every mail the instance sends, queued in the same transaction as what caused it and sent by the
	 * background worker (`src/lib/server/mail/worker.ts`): a crash or an SMTP outage loses nothing.
	 * Without SMTP the worker files it in the outbox (`/verwaltung/postausgang`).
	 */
	const mails = k.table(
		'mails',
		{
			id: k.text('id').primaryKey(),
			/** what the mail is about, e.g. `password-reset` (for the outbox and the log) */
			kind: k.text('kind').notNull(),
			to: k.text('to').notNull(),
			subject: k.text('subject').notNull(),
			text: k.text('text').notNull(),
			html: k.text('html').notNull(),
			/** extra headers, e.g. List-Unsubscribe */
			headers: k.json('headers').notNull().$type<Record<string, string>>(),
			status: k.text('status', { enum: MAIL_STATUSES }).notNull().default('queued'),
			attempts: k.integer('attempts').notNull().default(0),
			nextAttemptAt: k.timestamp('next_attempt_at').notNull(),
			/** A worker sending it holds it until then; after a crash the lease runs out. */
			lockedUntil: k.timestamp('locked_until'),
			lastError: k.text('last_error'),
			createdAt: createdAt(),
			sentAt: k.timestamp('sent_at')
		},
		(table) => [k.index('mails_due_idx').on(table.status, table.nextAttemptAt)]
	);

	/** A password reset link: its token only as SHA-256, valid for an hour, usable once. */
	const passwordResets = k.table(
		'password_resets',
		{
			id: k.text('id').primaryKey(),
			userId: k
				.text('user_id')
				.notNull()
				.references(() => users.id, { onDelete: 'cascade' }),
			tokenHash: k.text('token_hash').notNull().unique(),
			expiresAt: k.timestamp('expires_at').notNull(),
			usedAt: k.timestamp('used_at'),
			createdAt: createdAt()
		},
		(table) => [k.index('password_resets_user_idx').on(table.userId)]
	);

	/**
	 * A link that proves the person reads the address: `confirm` at registration (of the account's
	 * address), `change` for a new address (which becomes the account's only when confirmed). Stored
	 * as SHA-256 only, usable once.
	 */
	const emailTokens = k.table(
		'email_tokens',
		{
			id: k.text('id').primaryKey(),
			userId: k
				.text('user_id')
				.notNull()
				.references(() => users.id, { onDelete: 'cascade' }),
			purpose: k.text('purpose', { enum: EMAIL_TOKEN_PURPOSES }).notNull(),
			/** the address the link was sent to, lower-cased */
			email: k.text('email').notNull(),
			tokenHash: k.text('token_hash').notNull().unique(),
			expiresAt: k.timestamp('expires_at').notNull(),
			usedAt: k.timestamp('used_at'),
			createdAt: createdAt()
		},
		(table) => [k.index('email_tokens_user_idx').on(table.userId)]
	);

	/**
	 * What a person chose to receive (`NOTIFICATION_KINDS` in `$lib/notifications/kinds`); a kind
	 * without a row has its default.
	 */
	const notificationPreferences = k.table(
		'notification_preferences',
		{
			userId: k
				.text('user_id')
				.notNull()
				.references(() => users.id, { onDelete: 'cascade' }),
			kind: k.text('kind').notNull(),
			/** `off`, `on`, or a frequency such as `daily` / `immediate` */
			value: k.text('value').notNull(),
			updatedAt: createdAt()
		},
		(table) => [k.primaryKey({ columns: [table.userId, table.kind] })]
	);

	/**
	 * Every event a person was notified of, by a key such as `comment-answered:<commentId>`: the
	 * primary key is what makes sure nobody gets the same event twice.
	 */
	const notificationsSent = k.table(
		'notifications_sent',
		{
			userId: k
				.text('user_id')
				.notNull()
				.references(() => users.id, { onDelete: 'cascade' }),
			eventKey: k.text('event_key').notNull(),
			createdAt: createdAt()
		},
		(table) => [k.primaryKey({ columns: [table.userId, table.eventKey] })]
	);

	/** Up to when a member's digest of an agenda has told them everything. */
	const digestCursors = k.table(
		'digest_cursors',
		{
			userId: k
				.text('user_id')
				.notNull()
				.references(() => users.id, { onDelete: 'cascade' }),
			agendaId: k
				.text('agenda_id')
				.notNull()
				.references(() => agendas.id, { onDelete: 'cascade' }),
			coveredUntil: k.timestamp('covered_until').notNull()
		},
		(table) => [k.primaryKey({ columns: [table.userId, table.agendaId] })]
	);

	/** A citizen who wants to hear when a round of this agenda opens or is about to end. */
	const agendaFollows = k.table(
		'agenda_follows',
		{
			userId: k
				.text('user_id')
				.notNull()
				.references(() => users.id, { onDelete: 'cascade' }),
			agendaId: k
				.text('agenda_id')
				.notNull()
				.references(() => agendas.id, { onDelete: 'cascade' }),
			createdAt: createdAt()
		},
		(table) => [
			k.primaryKey({ columns: [table.userId, table.agendaId] }),
			k.index('agenda_follows_agenda_idx').on(table.agendaId)
		]
	);

	/** Instance-wide texts: imprint and privacy notice. */
	const settings = k.table('settings', {
		key: k.text('key').primaryKey(),
		value: k.text('value').notNull(),
		updatedAt: createdAt()
	});

	/**
	 * A citizen following one measure of an agenda on its progress page: a mail when its status
	 * changes or a Sachstand about it is approved. Measure ids stay the same across Fassungen, so a
	 * follow outlives the next decision.
	 */
	const measureFollows = k.table(
		'measure_follows',
		{
			userId: k
				.text('user_id')
				.notNull()
				.references(() => users.id, { onDelete: 'cascade' }),
			agendaId: k
				.text('agenda_id')
				.notNull()
				.references(() => agendas.id, { onDelete: 'cascade' }),
			measureId: k.text('measure_id').notNull(),
			createdAt: createdAt()
		},
		(table) => [
			k.primaryKey({ columns: [table.userId, table.agendaId, table.measureId] }),
			k.index('measure_follows_measure_idx').on(table.agendaId, table.measureId)
		]
	);

	/**
	 * The council's decision that made a Fassung the resolved plan (the baseline of monitoring).
	 * Fassungen never change, so neither does the plan; the live draft may move on towards the next
	 * update of the strategy, which a later decision makes the new baseline.
	 */
	const councilDecisions = k.table(
		'council_decisions',
		{
			id: k.text('id').primaryKey(),
			agendaId: k
				.text('agenda_id')
				.notNull()
				.references(() => agendas.id, { onDelete: 'cascade' }),
			versionId: k
				.text('version_id')
				.notNull()
				.unique()
				.references(() => versions.id, { onDelete: 'cascade' }),
			/** ISO date of the session that decided. */
			decidedOn: k.text('decided_on').notNull(),
			/** Beschluss-Nr., e.g. `2027/0012`. */
			number: k.text('number').notNull(),
			result: k.text('result', { enum: DECISION_RESULTS }).notNull(),
			/** The OParl Paper or AgendaItem of the council's own system, if it has one. */
			oparlUrl: k.text('oparl_url'),
			recordedBy: k.text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
			createdAt: createdAt()
		},
		(table) => [k.index('council_decisions_agenda_idx').on(table.agendaId, table.decidedOn)]
	);

	/**
	 * The dated facts of monitoring (see `$lib/monitoring/facts.ts`), one row each, with the way to
	 * the public: draft → submitted → approved, or returned with a remark. Only approved rows count.
	 * Each kind fills its own columns; the checks keep a row from being two kinds at once.
	 */
	const monitoringFacts = k.table(
		'monitoring_facts',
		{
			id: k.text('id').primaryKey(),
			decisionId: k
				.text('decision_id')
				.notNull()
				.references(() => councilDecisions.id, { onDelete: 'cascade' }),
			itemKind: k.text('item_kind', { enum: MONITORED_KINDS }).notNull(),
			/** The measure's or inventory item's id in the resolved Fassung. */
			itemId: k.text('item_id').notNull(),
			kind: k.text('kind', { enum: FACT_KINDS }).notNull(),
			/** ISO date the fact speaks of. */
			asOf: k.text('as_of').notNull(),
			status: k.text('status', { enum: IMPLEMENTATION_STATUSES }),
			statusReason: k.text('status_reason'),
			progress: k.integer('progress'),
			text: k.text('text'),
			milestoneId: k.text('milestone_id'),
			indicatorId: k.text('indicator_id'),
			value: k.real('value'),
			year: k.integer('year'),
			actualCostCents: k.integer('actual_cost_cents'),
			fundingReceivedCents: k.integer('funding_received_cents'),
			state: k.text('state', { enum: FACT_STATES }).notNull().default('draft'),
			/** The owner's remark when returning it. */
			remark: k.text('remark'),
			authorId: k.text('author_id').references(() => users.id, { onDelete: 'set null' }),
			createdAt: createdAt(),
			updatedAt: k.timestamp('updated_at').notNull(),
			submittedAt: k.timestamp('submitted_at'),
			decidedBy: k.text('decided_by').references(() => users.id, { onDelete: 'set null' }),
			decidedAt: k.timestamp('decided_at')
		},
		(table) => [
			k.index('monitoring_facts_item_idx').on(table.decisionId, table.itemId, table.asOf),
			k.index('monitoring_facts_state_idx').on(table.decisionId, table.state),
			k.check(
				'monitoring_facts_kind_values',
				sql`(${table.kind} = 'report' and ${table.status} is not null and ${table.text} is not null)
				or (${table.kind} = 'milestone' and ${table.milestoneId} is not null)
				or (${table.kind} = 'indicator' and ${table.indicatorId} is not null and ${table.value} is not null)
				or (${table.kind} = 'finance' and ${table.year} is not null
					and ${table.actualCostCents} is not null and ${table.fundingReceivedCents} is not null)`
			),
			k.check(
				'monitoring_facts_progress_range',
				sql`${table.progress} is null or ${table.progress} between 0 and 100`
			)
		]
	);

	/** How much a measure weighs in the roll-up; without a row it weighs 1 (`DEFAULT_WEIGHT`). */
	const monitoringWeights = k.table(
		'monitoring_weights',
		{
			decisionId: k
				.text('decision_id')
				.notNull()
				.references(() => councilDecisions.id, { onDelete: 'cascade' }),
			measureId: k.text('measure_id').notNull(),
			weight: k.real('weight').notNull()
		},
		(table) => [
			k.primaryKey({ columns: [table.decisionId, table.measureId] }),
			k.check('monitoring_weights_range', sql`${table.weight} >= 0 and ${table.weight} <= 1000`)
		]
	);

	/**
	 * An Anfrage of the council (a Fraktion's or a member's inquiry) that the administration answers
	 * from the monitoring data: the questions, the measures each one asks about, and the „Antwort der
	 * Verwaltung“ as drafted from the data and edited before export.
	 */
	const inquiries = k.table(
		'inquiries',
		{
			id: k.text('id').primaryKey(),
			agendaId: k
				.text('agenda_id')
				.notNull()
				.references(() => agendas.id, { onDelete: 'cascade' }),
			/** Betreff of the Anfrage. */
			title: k.text('title').notNull(),
			/** Drucksache-Nr. of the Anfrage in the council's system, e.g. `AF/2027/014`. */
			reference: k.text('reference').notNull().default(''),
			/** Who asks: a Fraktion, a group or a member of the council. */
			askedBy: k.text('asked_by').notNull().default(''),
			/** ISO date the Anfrage came in. */
			receivedOn: k.text('received_on'),
			/** ISO date the answer speaks of (the Stichtag of its figures). */
			stichtag: k.text('stichtag').notNull(),
			/** The Anfrage's OParl Paper in the council's own system, if it has one. */
			oparlUrl: k.text('oparl_url'),
			/** Drucksache-Nr. of the answer, once the council office has given one. */
			answerReference: k.text('answer_reference').notNull().default(''),
			/** Vorbemerkung of the administration, before „Zu 1.“. */
			preamble: k.text('preamble').notNull().default(''),
			createdBy: k.text('created_by').references(() => users.id, { onDelete: 'set null' }),
			createdAt: createdAt(),
			updatedAt: k.timestamp('updated_at').notNull()
		},
		(table) => [k.index('inquiries_agenda_idx').on(table.agendaId, table.createdAt)]
	);

	/** One question of an Anfrage, in its order, with the items it asks about and its answer. */
	const inquiryQuestions = k.table(
		'inquiry_questions',
		{
			id: k.text('id').primaryKey(),
			inquiryId: k
				.text('inquiry_id')
				.notNull()
				.references(() => inquiries.id, { onDelete: 'cascade' }),
			/** 1, 2, 3 … as in „Zu 1.“. */
			position: k.integer('position').notNull(),
			question: k.text('question').notNull(),
			/** Ids of measures and Bestandsaufnahme items (of the resolved plan) the answer draws on. */
			itemIds: k
				.json('item_ids')
				.notNull()
				.$type<string[]>()
				.default(sql`'[]'`),
			/** The answer as the clerk edited it; null while the draft from the data stands. */
			answer: k.text('answer'),
			updatedAt: k.timestamp('updated_at').notNull()
		},
		(table) => [k.index('inquiry_questions_inquiry_idx').on(table.inquiryId, table.position)]
	);

	/**
	 * Who does a piece of background work (mail delivery, notification rounds, session clean-up)
	 * right now, when several app processes share the database: the holder renews its lease; when
	 * it dies, the lease runs out and another process takes over (`src/lib/server/leases.ts`).
	 */
	const leases = k.table('leases', {
		name: k.text('name').primaryKey(),
		/** The process holding it (`hostname:pid:random`). */
		holder: k.text('holder').notNull(),
		expiresAt: k.timestamp('expires_at').notNull()
	});

	return {
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
	};
}
