import { count } from 'drizzle-orm';
import { hashPassword } from '../auth/password';
import { generateId } from '../ids';
import { type Db, writeTransaction } from './connection';
import { DEMO_ACCOUNTS, DEMO_AGENDA } from '../demo/accounts';
import { agendas, digestCursors, memberships, users } from './schema';
import { appendUpdate } from '../documents/update-log';
import { newAgendaDocument } from '../documents/new-document';
import { fillDemoAgenda } from '../demo/agenda';
import { seedDemoParticipation } from '../demo/participation';

/** Seeds Musterstadt into an empty database; returns what it made, or null if it left it alone. */
export async function seedDemoIfEmpty(db: Db, password: string) {
	const [existing] = db.select({ n: count() }).from(users).all();
	if ((existing?.n ?? 0) > 0) return null;

	const passwordHash = await hashPassword(password);
	const agendaId = generateId();
	const seededUsers = DEMO_ACCOUNTS.map((account) => ({ ...account, id: generateId() }));

	// The demo town's addresses cannot receive mail (.example); they count as confirmed so that
	// the demo can comment at once.
	const confirmedAt = new Date();
	writeTransaction(db, (tx) => {
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
		const members = seededUsers.flatMap((user) =>
			user.role ? [{ agendaId, userId: user.id, role: user.role }] : []
		);
		tx.insert(memberships).values(members).run();
		const linked = (email: string) => seededUsers.find((user) => user.email === email)?.id ?? null;
		const content = newAgendaDocument(DEMO_AGENDA, (doc) =>
			fillDemoAgenda(doc, [linked('ag1@musterstadt.example'), linked('ag2@musterstadt.example')])
		);
		appendUpdate(tx, agendaId, content);
		// The same connection: these nest as savepoints, so the whole demo is one transaction.
		seedDemoParticipation(db, {
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
		tx.insert(digestCursors)
			.values(members.map(({ userId }) => ({ userId, agendaId, coveredUntil: seededAt })))
			.run();
	});
	return { agendaId, users: seededUsers };
}
