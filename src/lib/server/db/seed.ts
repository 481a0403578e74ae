import { count } from 'drizzle-orm';
import type { AgendaRole } from '../../roles';
import { hashPassword } from '../auth/password';
import { generateId } from '../ids';
import { inTransaction, type Db, type Executor } from './connection';
import { DEMO_ACCOUNTS, DEMO_AGENDA } from '../demo/accounts';
import { agendas, digestCursors, memberships, users } from './schema';
import { appendUpdate } from '../documents/update-log';
import { newAgendaDocument } from '../documents/new-document';
import { fillDemoAgenda } from '../demo/agenda';
import { seedDemoParticipation } from '../demo/participation';
import {
	BEISPIELHAUSEN_ACCOUNTS,
	BEISPIELHAUSEN_AGENDA,
	fillBeispielhausenAgenda,
	seedBeispielhausenMonitoring
} from '../demo/beispielhausen';

/**
 * Seeds the demos into an empty database: Musterstadt in participation, and Beispielhausen
 * under implementation since its council's decision (its own accounts, so Musterstadt's team
 * sees only Musterstadt). Returns what it made, or null if it left the database alone.
 *
 * Accounts, agenda and first document of each town go in one transaction; the participation and
 * the reports then go through the functions the pages use, each in its own transaction (they open
 * them themselves, and transactions do not nest).
 */
export async function seedDemoIfEmpty(db: Db, password: string) {
	const [existing] = await db.select({ n: count() }).from(users);
	if ((existing?.n ?? 0) > 0) return null;

	const passwordHash = await hashPassword(password);
	const agendaId = generateId();
	const seededUsers = DEMO_ACCOUNTS.map((account) => ({ ...account, id: generateId() }));
	const monitoringAgendaId = generateId();
	const monitoringUsers = BEISPIELHAUSEN_ACCOUNTS.map((account) => ({
		...account,
		isAdmin: false,
		id: generateId()
	}));

	// The demo town's addresses cannot receive mail (.example); they count as confirmed so that
	// the demo can comment at once.
	const confirmedAt = new Date();
	const members = seededUsers.flatMap((user) =>
		user.role ? [{ agendaId, userId: user.id, role: user.role }] : []
	);
	const linked = (email: string) => seededUsers.find((user) => user.email === email)?.id ?? null;
	// The documents are built before the transaction: it holds the write lock only for writing.
	const content = newAgendaDocument(DEMO_AGENDA, (doc) =>
		fillDemoAgenda(doc, [linked('ag1@musterstadt.example'), linked('ag2@musterstadt.example')])
	);
	const monitoringEditor = monitoringUsers.find((user) => user.role === 'editor')?.id ?? '';
	const monitoringContent = newAgendaDocument(BEISPIELHAUSEN_AGENDA, (doc) =>
		fillBeispielhausenAgenda(doc, monitoringEditor)
	);
	await inTransaction(db, async (tx) => {
		await tx.insert(users).values(
			seededUsers.map(({ id, email, displayName, isAdmin }) => ({
				id,
				email,
				displayName,
				isAdmin,
				passwordHash,
				emailConfirmedAt: confirmedAt
			}))
		);
		await tx.insert(agendas).values({ id: agendaId, ...DEMO_AGENDA });
		await tx.insert(memberships).values(members);
		await appendUpdate(tx, agendaId, content);
		// The whole demo is one transaction: what runs inside takes its `tx` (they do not nest).
		await seedDemoParticipation(tx, {
			agendaId,
			ownerId: linked('verwaltung@musterstadt.example') ?? '',
			editorId: linked('ag1@musterstadt.example') ?? '',
			citizens: [
				linked('buerger@musterstadt.example') ?? '',
				linked('buerger2@musterstadt.example') ?? '',
				linked('buerger3@musterstadt.example') ?? ''
			]
		});
		// The seeded comments are the demo's history, not news: the AG's digest starts after them.
		const seededAt = new Date();
		await tx
			.insert(digestCursors)
			.values(members.map(({ userId }) => ({ userId, agendaId, coveredUntil: seededAt })));
		await seedBeispielhausen(tx, {
			agendaId: monitoringAgendaId,
			team: monitoringUsers,
			passwordHash,
			confirmedAt,
			content: monitoringContent
		});
	});
	await seedBeispielhausenProgress(db, monitoringAgendaId, monitoringUsers);
	return { agendaId, monitoringAgendaId, users: [...seededUsers, ...monitoringUsers] };
}

/** Beispielhausen's accounts, agenda and document, inside `seedDemoIfEmpty`'s transaction. */
async function seedBeispielhausen(
	tx: Executor,
	input: {
		agendaId: string;
		team: { id: string; email: string; displayName: string; role: AgendaRole }[];
		passwordHash: string;
		confirmedAt: Date;
		content: Uint8Array;
	}
) {
	const { agendaId, team } = input;
	await tx.insert(users).values(
		team.map(({ id, email, displayName }) => ({
			id,
			email,
			displayName,
			isAdmin: false,
			passwordHash: input.passwordHash,
			emailConfirmedAt: input.confirmedAt
		}))
	);
	await tx.insert(agendas).values({ id: agendaId, ...BEISPIELHAUSEN_AGENDA });
	await tx.insert(memberships).values(team.map(({ id, role }) => ({ agendaId, userId: id, role })));
	await appendUpdate(tx, agendaId, input.content);
}

/**
 * Beispielhausen's decision, reports and Anfrage, written after the seed's transaction: through
 * the functions the pages use, each in its own transaction (an asynchronous transaction cannot
 * nest in another). Its team's digest starts after them.
 */
async function seedBeispielhausenProgress(
	db: Db,
	agendaId: string,
	team: { id: string; role: AgendaRole }[]
) {
	const owner = team.find((user) => user.role === 'owner')?.id ?? '';
	const editor = team.find((user) => user.role === 'editor')?.id ?? '';
	await seedBeispielhausenMonitoring(db, { agendaId, ownerId: owner, editorId: editor });
	await db
		.insert(digestCursors)
		.values(team.map(({ id }) => ({ userId: id, agendaId, coveredUntil: new Date() })));
}
