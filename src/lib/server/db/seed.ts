import { count } from 'drizzle-orm';
import type { AgendaRole } from '../../roles';
import { hashPassword } from '../auth/password';
import { generateId } from '../ids';
import { type Db, inTransaction } from './connection';
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
 */
export async function seedDemoIfEmpty(db: Db, password: string) {
	const [existing] = db.select({ n: count() }).from(users).all();
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
	// The rows first, in one transaction; the participation then goes through the functions the
	// pages use, each with its own transaction (they cannot nest). Seeding runs before the server
	// serves, so nobody sees the demo half made.
	const members = seededUsers.flatMap((user) =>
		user.role ? [{ agendaId, userId: user.id, role: user.role }] : []
	);
	const linked = (email: string) => seededUsers.find((user) => user.email === email)?.id ?? null;
	await inTransaction(db, async (tx) => {
		tx.insert(users)
			.values(
				seededUsers.map(({ id, email, displayName, isAdmin }) => ({
					id,
					email,
					displayName,
					isAdmin,
					passwordHash,
					emailConfirmedAt: confirmedAt
				}))
			)
			.run();
		tx.insert(agendas)
			.values({ id: agendaId, ...DEMO_AGENDA })
			.run();
		tx.insert(memberships).values(members).run();
		const content = newAgendaDocument(DEMO_AGENDA, (doc) =>
			fillDemoAgenda(doc, [linked('ag1@musterstadt.example'), linked('ag2@musterstadt.example')])
		);
		appendUpdate(tx, agendaId, content);
	});
	await seedDemoParticipation(db, {
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
	await db
		.insert(digestCursors)
		.values(members.map(({ userId }) => ({ userId, agendaId, coveredUntil: seededAt })));
	await seedBeispielhausen(db, monitoringAgendaId, monitoringUsers, passwordHash, confirmedAt);
	return { agendaId, monitoringAgendaId, users: [...seededUsers, ...monitoringUsers] };
}

async function seedBeispielhausen(
	db: Db,
	agendaId: string,
	team: { id: string; email: string; displayName: string; role: AgendaRole }[],
	passwordHash: string,
	confirmedAt: Date
) {
	const owner = team.find((user) => user.role === 'owner')?.id ?? '';
	const editor = team.find((user) => user.role === 'editor')?.id ?? '';
	await inTransaction(db, async (tx) => {
		tx.insert(users)
			.values(
				team.map(({ id, email, displayName }) => ({
					id,
					email,
					displayName,
					isAdmin: false,
					passwordHash,
					emailConfirmedAt: confirmedAt
				}))
			)
			.run();
		tx.insert(agendas)
			.values({ id: agendaId, ...BEISPIELHAUSEN_AGENDA })
			.run();
		tx.insert(memberships)
			.values(team.map(({ id, role }) => ({ agendaId, userId: id, role })))
			.run();
		appendUpdate(
			tx,
			agendaId,
			newAgendaDocument(BEISPIELHAUSEN_AGENDA, (doc) => fillBeispielhausenAgenda(doc, editor))
		);
	});
	await seedBeispielhausenMonitoring(db, { agendaId, ownerId: owner, editorId: editor });
	await db
		.insert(digestCursors)
		.values(team.map(({ id }) => ({ userId: id, agendaId, coveredUntil: new Date() })));
}
