/**
 * The one answer to "may this person do that on this agenda?", for every route, form action and
 * (later) the collab websocket. Pure and isomorphic: the server decides with it, pages only use
 * its answers to hide buttons that would be refused anyway.
 */
import type { AgendaRole, AgendaVisibility } from './roles';

export const AGENDA_ACTIONS = [
	/** Title, municipality, period and status on the overview page. */
	'agenda.read',
	/** The list of members with their roles. */
	'agenda.readMembers',
	/** The live draft (read-only editor, collab read). */
	'draft.read',
	/** Writing to the live draft (collab updates). */
	'draft.edit',
	/** Invitations, role changes, removing members. */
	'members.manage',
	/** Title, period, visibility and status of the agenda. */
	'settings.manage',
	/** Dispositions and reasons for citizen comments. */
	'comments.answer',
	/** Approving, hiding and restoring citizen comments (the moderation queue). */
	'comments.moderate',
	/** Freezing Fassungen, opening participation phases, publishing answers. */
	'participation.manage',
	/** Vorlage-Nr., Beratungsfolge, Beschlussvorschlag and the finance fields. */
	'resolution.edit',
	/** Downloads of the Beschlussvorlage and the strategy from the live draft. */
	'export.download',
	/** Recording the council's decision that makes a Fassung the resolved plan. */
	'decision.record',
	/** Writing and submitting monitoring facts on any measure (patrons: see `canReportOn`). */
	'monitoring.write',
	/** Approving or returning submitted monitoring facts, setting roll-up weights. */
	'monitoring.approve',
	/** Drafts, submitted and returned facts (everyone sees the approved ones). */
	'monitoring.readAll',
	/** Anfragen of the council: questions, links to the plan, the answer of the administration. */
	'inquiry.write'
] as const;
export type AgendaAction = (typeof AGENDA_ACTIONS)[number];

export const INSTANCE_ACTIONS = ['agendas.create', 'users.manage', 'instance.settings'] as const;
export type InstanceAction = (typeof INSTANCE_ACTIONS)[number];

export interface Actor {
	/** null for an anonymous visitor */
	user: { isAdmin: boolean } | null;
	/** the actor's membership in the agenda, null for citizens and anonymous visitors */
	role: AgendaRole | null;
}

interface Rule {
	roles: readonly AgendaRole[];
	/**
	 * Instance admins may do this without a membership. They can look after any agenda's members
	 * (e.g. hand it to a new owner), but read and write content only as members.
	 */
	admin: boolean;
	/** Anyone, even anonymous, may do this when the agenda is public. */
	public: boolean;
}

const ALL: readonly AgendaRole[] = ['owner', 'editor', 'viewer'];
const WRITERS: readonly AgendaRole[] = ['owner', 'editor'];
const OWNERS: readonly AgendaRole[] = ['owner'];

const RULES = {
	'agenda.read': { roles: ALL, admin: true, public: true },
	'agenda.readMembers': { roles: ALL, admin: true, public: false },
	'draft.read': { roles: ALL, admin: false, public: false },
	'draft.edit': { roles: WRITERS, admin: false, public: false },
	'members.manage': { roles: OWNERS, admin: true, public: false },
	'settings.manage': { roles: OWNERS, admin: true, public: false },
	'comments.answer': { roles: WRITERS, admin: false, public: false },
	'comments.moderate': { roles: WRITERS, admin: false, public: false },
	'participation.manage': { roles: OWNERS, admin: false, public: false },
	'resolution.edit': { roles: OWNERS, admin: false, public: false },
	'export.download': { roles: ALL, admin: false, public: false },
	'decision.record': { roles: OWNERS, admin: false, public: false },
	'monitoring.write': { roles: WRITERS, admin: false, public: false },
	'monitoring.approve': { roles: OWNERS, admin: false, public: false },
	'monitoring.readAll': { roles: ALL, admin: false, public: false },
	'inquiry.write': { roles: WRITERS, admin: false, public: false }
} as const satisfies Record<AgendaAction, Rule>;

/** The actions that anyone may do on a public agenda, even without an account. */
type PublicAction = {
	[A in AgendaAction]: (typeof RULES)[A]['public'] extends true ? A : never;
}[AgendaAction];

/** The actions that need an account on every agenda: `can()` refuses them to anonymous visitors. */
export type SignedInAction = Exclude<AgendaAction, PublicAction>;

export function needsAccount(action: AgendaAction): action is SignedInAction {
	return !RULES[action].public;
}

export function can(
	actor: Actor,
	action: AgendaAction,
	agenda: { visibility: AgendaVisibility }
): boolean {
	const rule: Rule = RULES[action];
	if (rule.public && agenda.visibility === 'public') return true;
	if (actor.user === null) return false;
	if (rule.admin && actor.user.isAdmin) return true;
	return actor.role !== null && rule.roles.includes(actor.role);
}

export function canInstance(user: { isAdmin: boolean } | null, action: InstanceAction): boolean {
	switch (action) {
		case 'agendas.create':
		case 'users.manage':
		case 'instance.settings':
			return user?.isAdmin === true;
	}
}

/** Every permitted action of an actor on an agenda, for pages that show or hide controls. */
export function permittedActions(
	actor: Actor,
	agenda: { visibility: AgendaVisibility }
): Record<AgendaAction, boolean> {
	return Object.fromEntries(
		AGENDA_ACTIONS.map((action) => [action, can(actor, action, agenda)])
	) as Record<AgendaAction, boolean>;
}

/**
 * The files of the export: the Vorlage (and its OParl record), the strategy, the finance plan,
 * the Beteiligungsbericht, and the Sachstandsbericht of the resolved plan.
 */
export type ExportKind =
	| 'beschlussvorlage'
	| 'oparl'
	| 'strategy'
	| 'finance-plan'
	| 'participation-report'
	| 'progress-report';

/**
 * What is exported: the live draft, a Fassung with what was made public of it, or the Fassung a
 * council decision resolved (what the Sachstandsbericht reports on).
 */
export type ExportTarget =
	| { kind: 'draft' }
	| { kind: 'fassung'; wasPublic: boolean; vorlagePublic: boolean }
	| { kind: 'decided' };

/**
 * Who may download an export. Members (`export.download`) get every export of the draft and of
 * every Fassung. Everyone else gets only what was published: the strategy, the finance plan and
 * the Beteiligungsbericht (its public variant, see `reportAudience`) of a Fassung that citizens
 * were shown, and its Beschlussvorlage (with the OParl record) only when the Vorlage is marked
 * öffentlich; the Sachstandsbericht of a decided agenda when the agenda is public.
 */
export function canDownloadExport(
	actor: Actor,
	agenda: { visibility: AgendaVisibility },
	target: ExportTarget,
	kind: ExportKind
): boolean {
	if (can(actor, 'export.download', agenda)) return true;
	// The Sachstandsbericht holds approved facts only, which a public agenda shows anyone.
	if (target.kind === 'decided')
		return kind === 'progress-report' && agenda.visibility === 'public';
	if (kind === 'progress-report') return false;
	if (target.kind === 'draft' || !target.wasPublic) return false;
	// The annexes are published with the Fassung; the Vorlage only when decided öffentlich.
	const annex = kind === 'strategy' || kind === 'finance-plan' || kind === 'participation-report';
	return annex || target.vorlagePublic;
}

/**
 * Whose Beteiligungsbericht a visitor gets: `members` the whole report, which names who wrote a
 * hidden or unapproved comment, why it was hidden, and the AG's answers before they are
 * published; everyone else `public`, only what the citizen pages show anyone: the published
 * comments with their authors and published answers, and of everything else only counts.
 */
export type ReportAudience = 'members' | 'public';

export function reportAudience(
	actor: Actor,
	agenda: { visibility: AgendaVisibility }
): ReportAudience {
	return can(actor, 'export.download', agenda) ? 'members' : 'public';
}

/**
 * Who may write a monitoring fact about one measure: owners and editors on every measure, and a
 * member (a viewer, say) on the measures whose patron (*Pate*) is the person linked to their
 * account in the resolved plan. Approving stays with the owners either way.
 */
export function canReportOn(
	actor: Actor & { userId: string | null },
	agenda: { visibility: AgendaVisibility },
	patronUserIds: readonly (string | null)[]
): boolean {
	if (can(actor, 'monitoring.write', agenda)) return true;
	return actor.role !== null && actor.userId !== null && patronUserIds.includes(actor.userId);
}
