import { describe, expect, it } from 'vitest';
import {
	AGENDA_ACTIONS,
	can,
	canDownloadExport,
	reportAudience,
	canInstance,
	canReportOn,
	INSTANCE_ACTIONS,
	needsAccount,
	permittedActions,
	type Actor,
	type AgendaAction
} from './permissions';
import type { AgendaVisibility } from './roles';

/** The six kinds of people the matrix distinguishes, in the column order of the tables below. */
const ACTORS = {
	owner: { user: { isAdmin: false }, role: 'owner' },
	editor: { user: { isAdmin: false }, role: 'editor' },
	viewer: { user: { isAdmin: false }, role: 'viewer' },
	citizen: { user: { isAdmin: false }, role: null },
	anonymous: { user: null, role: null },
	admin: { user: { isAdmin: true }, role: null }
} as const satisfies Record<string, Actor>;
type ActorName = keyof typeof ACTORS;
const COLUMNS = Object.keys(ACTORS) as ActorName[];

/**
 * One column per actor: Owner, Editor, Viewer, Citizen (signed in, no membership), Anonymous,
 * Instance admin (without a membership).
 */
type Row = readonly [boolean, boolean, boolean, boolean, boolean, boolean];
const Y = true;
const _ = false;

/*
 * Product rules: owners may do everything; editors write the draft and answer comments; viewers
 * only read (the export is a read of the draft); people without a membership see nothing of an
 * internal agenda and only the overview of a public one. Instance admins look after any agenda's
 * members and settings (e.g. to hand an orphaned agenda to a new owner) and so see its overview
 * and member list, but read and write its content only through a membership.
 */
const INTERNAL: Record<AgendaAction, Row> = {
	//                               O  E  V  C  A  I
	'agenda.read': /*            */ [Y, Y, Y, _, _, Y],
	'agenda.readMembers': /*     */ [Y, Y, Y, _, _, Y],
	'draft.read': /*             */ [Y, Y, Y, _, _, _],
	'draft.edit': /*             */ [Y, Y, _, _, _, _],
	'members.manage': /*         */ [Y, _, _, _, _, Y],
	'settings.manage': /*        */ [Y, _, _, _, _, Y],
	'comments.answer': /*        */ [Y, Y, _, _, _, _],
	'comments.moderate': /*      */ [Y, Y, _, _, _, _],
	'participation.manage': /*   */ [Y, _, _, _, _, _],
	'resolution.edit': /*        */ [Y, _, _, _, _, _],
	'export.download': /*        */ [Y, Y, Y, _, _, _],
	'decision.record': /*        */ [Y, _, _, _, _, _],
	'monitoring.write': /*       */ [Y, Y, _, _, _, _],
	'monitoring.approve': /*     */ [Y, _, _, _, _, _],
	'monitoring.readAll': /*     */ [Y, Y, Y, _, _, _],
	'inquiry.write': /*          */ [Y, Y, _, _, _, _]
};

/** A public agenda differs from an internal one in one row only: everyone may read its overview. */
const PUBLIC: Record<AgendaAction, Row> = {
	...INTERNAL,
	//                               O  E  V  C  A  I
	'agenda.read': /*            */ [Y, Y, Y, Y, Y, Y]
};

const MATRIX: Record<AgendaVisibility, Record<AgendaAction, Row>> = {
	internal: INTERNAL,
	public: PUBLIC
};

const CASES = (['internal', 'public'] as const).flatMap((visibility) =>
	AGENDA_ACTIONS.flatMap((action) =>
		COLUMNS.map((actor, column) => ({
			visibility,
			action,
			actor,
			allowed: MATRIX[visibility][action][column]
		}))
	)
);

describe('can', () => {
	it('has an expectation for exactly the actions the app knows', () => {
		expect(Object.keys(INTERNAL).sort()).toEqual([...AGENDA_ACTIONS].sort());
		expect(Object.keys(PUBLIC).sort()).toEqual([...AGENDA_ACTIONS].sort());
		expect(CASES).toHaveLength(AGENDA_ACTIONS.length * COLUMNS.length * 2);
	});

	it.each(CASES)(
		'$visibility agenda: $actor → $action is $allowed',
		({ visibility, action, actor, allowed }) => {
			expect(can(ACTORS[actor], action, { visibility })).toBe(allowed);
		}
	);

	it('gives an admin who is also a member the union of both', () => {
		const adminViewer: Actor = { user: { isAdmin: true }, role: 'viewer' };
		const allowed = AGENDA_ACTIONS.filter((action) =>
			can(adminViewer, action, { visibility: 'internal' })
		);
		expect(allowed).toEqual([
			'agenda.read',
			'agenda.readMembers',
			'draft.read',
			'members.manage',
			'settings.manage',
			'export.download',
			'monitoring.readAll'
		]);
	});

	it('never lets an anonymous visitor do more than read a public overview', () => {
		// A role without a user cannot happen in the app; it must not grant anything either.
		const forged: Actor = { user: null, role: 'owner' };
		for (const visibility of ['internal', 'public'] as const) {
			const allowed = AGENDA_ACTIONS.filter((action) => can(forged, action, { visibility }));
			expect(allowed).toEqual(visibility === 'public' ? ['agenda.read'] : []);
		}
	});
});

describe('needsAccount', () => {
	it.each(AGENDA_ACTIONS)(
		'says whether %s is refused to anonymous visitors everywhere',
		(action) => {
			const anonymous = COLUMNS.indexOf('anonymous');
			const anyoneMay = INTERNAL[action][anonymous] || PUBLIC[action][anonymous];
			expect(needsAccount(action)).toBe(!anyoneMay);
		}
	);
});

describe('permittedActions', () => {
	it.each(
		(['internal', 'public'] as const).flatMap((visibility) =>
			COLUMNS.map((actor, column) => ({ visibility, actor, column }))
		)
	)('$visibility agenda: lists the row of $actor', ({ visibility, actor, column }) => {
		const expected = Object.fromEntries(
			AGENDA_ACTIONS.map((action) => [action, MATRIX[visibility][action][column]])
		);
		expect(permittedActions(ACTORS[actor], { visibility })).toEqual(expected);
	});
});

describe('canInstance', () => {
	it('has an expectation for every instance action', () => {
		expect([...INSTANCE_ACTIONS].sort()).toEqual([
			'agendas.create',
			'instance.settings',
			'users.manage'
		]);
	});

	it.each([
		// who                     agendas.create users.manage instance.settings
		['anonymous', null, false, false, false],
		['signed-in non-admin', { isAdmin: false }, false, false, false],
		['instance admin', { isAdmin: true }, true, true, true]
	] as const)('%s', (_name, user, createAgendas, manageUsers, settings) => {
		expect(canInstance(user, 'agendas.create')).toBe(createAgendas);
		expect(canInstance(user, 'users.manage')).toBe(manageUsers);
		expect(canInstance(user, 'instance.settings')).toBe(settings);
	});
});

describe('canDownloadExport', () => {
	const internal = { visibility: 'internal' } as const;
	const draft = { kind: 'draft' } as const;
	const published = { kind: 'fassung', wasPublic: true, vorlagePublic: true } as const;
	const closedVorlage = { kind: 'fassung', wasPublic: true, vorlagePublic: false } as const;
	const unpublished = { kind: 'fassung', wasPublic: false, vorlagePublic: true } as const;
	const PUBLISHABLE = ['beschlussvorlage', 'oparl', 'strategy', 'finance-plan'] as const;
	const KINDS = [...PUBLISHABLE, 'participation-report'] as const;

	it('lets every member download everything', () => {
		for (const name of ['owner', 'editor', 'viewer'] as const) {
			for (const target of [draft, published, closedVorlage, unpublished]) {
				for (const kind of KINDS) {
					expect(canDownloadExport(ACTORS[name], internal, target, kind)).toBe(true);
				}
			}
		}
	});

	it('gives everyone else only what was published', () => {
		for (const name of ['citizen', 'anonymous', 'admin'] as const) {
			const actor = ACTORS[name];
			for (const kind of PUBLISHABLE) {
				expect(canDownloadExport(actor, { visibility: 'public' }, draft, kind)).toBe(false);
				expect(canDownloadExport(actor, internal, unpublished, kind)).toBe(false);
				expect(canDownloadExport(actor, internal, published, kind)).toBe(true);
			}
			expect(canDownloadExport(actor, internal, closedVorlage, 'strategy')).toBe(true);
			expect(canDownloadExport(actor, internal, closedVorlage, 'finance-plan')).toBe(true);
			expect(canDownloadExport(actor, internal, closedVorlage, 'beschlussvorlage')).toBe(false);
			expect(canDownloadExport(actor, internal, closedVorlage, 'oparl')).toBe(false);
		}
	});

	it('gives everyone else the Beteiligungsbericht of a Fassung citizens were shown, in its public variant', () => {
		for (const name of ['citizen', 'anonymous', 'admin'] as const) {
			for (const visibility of ['public', 'internal'] as const) {
				const agenda = { visibility };
				const actor = ACTORS[name];
				for (const target of [published, closedVorlage]) {
					expect(canDownloadExport(actor, agenda, target, 'participation-report')).toBe(true);
				}
				for (const target of [draft, unpublished]) {
					expect(canDownloadExport(actor, agenda, target, 'participation-report')).toBe(false);
				}
				expect(reportAudience(actor, agenda)).toBe('public');
			}
		}
		for (const name of ['owner', 'editor', 'viewer'] as const) {
			expect(reportAudience(ACTORS[name], internal)).toBe('members');
		}
	});
});

describe('canDownloadExport: the Sachstandsbericht', () => {
	const decided = { kind: 'decided' } as const;

	it('lets every member download it, of a public or an internal agenda', () => {
		for (const name of ['owner', 'editor', 'viewer'] as const) {
			for (const visibility of ['public', 'internal'] as const) {
				expect(canDownloadExport(ACTORS[name], { visibility }, decided, 'progress-report')).toBe(
					true
				);
			}
		}
	});

	it('gives it to everyone else only of a public agenda', () => {
		for (const name of ['citizen', 'anonymous', 'admin'] as const) {
			const actor = ACTORS[name];
			expect(canDownloadExport(actor, { visibility: 'public' }, decided, 'progress-report')).toBe(
				true
			);
			expect(canDownloadExport(actor, { visibility: 'internal' }, decided, 'progress-report')).toBe(
				false
			);
			// The resolved Fassung opens nothing else to them: the annexes follow their own rules.
			expect(canDownloadExport(actor, { visibility: 'public' }, decided, 'beschlussvorlage')).toBe(
				false
			);
		}
	});
});

describe('canReportOn', () => {
	const internal = { visibility: 'internal' } as const;
	const as = (name: ActorName, userId: string | null) => ({ ...ACTORS[name], userId });

	it('lets owners and editors report on every measure', () => {
		expect(canReportOn(as('owner', 'u1'), internal, [])).toBe(true);
		expect(canReportOn(as('editor', 'u2'), internal, ['someone-else'])).toBe(true);
	});

	it('lets a member report on the measures they are patron of, and nobody else', () => {
		expect(canReportOn(as('viewer', 'u3'), internal, [null, 'u3'])).toBe(true);
		expect(canReportOn(as('viewer', 'u3'), internal, ['u4', null])).toBe(false);
		// A patron's account that is no longer a member reports nothing.
		expect(canReportOn(as('citizen', 'u3'), internal, ['u3'])).toBe(false);
		expect(canReportOn(as('anonymous', null), internal, [null])).toBe(false);
		expect(canReportOn(as('admin', 'u5'), internal, ['u5'])).toBe(false);
	});
});
