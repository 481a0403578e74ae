/**
 * The data every engine of the database bench holds, as plain rows built once and inserted
 * through drizzle into each: one agenda and Fassung, 600 accounts with a session each, 2,000
 * comments on the measured measure (every tenth a reply, every twentieth answered) and 1,000 on
 * ten others, 400 supports of the measured measure.
 */
import { hashToken } from '../../src/lib/server/ids';

export const AGENDA_ID = 'agenda-bench';
export const VERSION_ID = 'fassung-bench';
export const MEASURE_ID = 'massnahme-0';

export interface BenchData {
	/** Cookie tokens; the sessions table holds their hashes. */
	tokens: string[];
	users: {
		id: string;
		email: string;
		displayName: string;
		passwordHash: string;
		isAdmin: boolean;
		emailConfirmedAt: Date;
		locale: string;
	}[];
	sessions: { id: string; userId: string; expiresAt: Date }[];
	memberships: { agendaId: string; userId: string; role: string }[];
	comments: {
		id: string;
		versionId: string;
		itemKind: string;
		itemId: string;
		parentId: string | null;
		authorId: string;
		body: string;
		status: string;
		createdAt: Date;
	}[];
	commentAnswers: {
		commentId: string;
		disposition: string;
		reason: string;
		answeredBy: string;
		answeredAt: Date;
		publishedAt: Date;
	}[];
	supports: { versionId: string; measureId: string; userId: string }[];
}

const BODY =
	'Der Radweg entlang der Hauptstraße sollte vor 2028 fertig sein; die Schulwege brauchen ' +
	'sichere Querungen, und die Ampelphasen an der Kreuzung Bahnhofstraße sind für Kinder zu kurz. ';

export function benchData(commentsOnMeasure: number): BenchData {
	const userCount = 600;
	const start = Date.UTC(2026, 10, 1);
	const users = Array.from({ length: userCount }, (_, i) => ({
		id: `user-${i}`,
		email: `person${i}@example.org`,
		displayName: `Person ${i}`,
		passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$bench',
		isAdmin: false,
		emailConfirmedAt: new Date(start),
		locale: 'de'
	}));
	const tokens = users.map((_, i) => `token-${i}-${'x'.repeat(24)}`);
	const sessions = users.map((user, i) => ({
		id: hashToken(tokens[i]!),
		userId: user.id,
		expiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000)
	}));
	const memberships = users
		.slice(0, 20)
		.map((user) => ({ agendaId: AGENDA_ID, userId: user.id, role: 'editor' }));
	const others = Math.round(commentsOnMeasure / 2);
	const comments: BenchData['comments'] = [];
	let lastRoot = '';
	for (let i = 0; i < commentsOnMeasure + others; i += 1) {
		const onMeasure = i < commentsOnMeasure;
		const id = `kommentar-${i}`;
		const reply = onMeasure && i % 10 === 9;
		comments.push({
			id,
			versionId: VERSION_ID,
			itemKind: 'measure',
			itemId: onMeasure ? MEASURE_ID : `massnahme-${1 + (i % 10)}`,
			parentId: reply ? lastRoot : null,
			authorId: users[i % userCount]!.id,
			body: `${BODY}(${i})`,
			status: 'visible',
			createdAt: new Date(start + i * 60_000)
		});
		if (!reply && onMeasure) lastRoot = id;
	}
	const commentAnswers = comments
		.filter((_, i) => i < commentsOnMeasure && i % 20 === 0)
		.map((comment) => ({
			commentId: comment.id,
			disposition: 'uebernommen',
			reason: 'Wird in der nächsten Fassung berücksichtigt.',
			answeredBy: users[0]!.id,
			answeredAt: new Date(comment.createdAt.getTime() + 86_400_000),
			publishedAt: new Date(comment.createdAt.getTime() + 2 * 86_400_000)
		}));
	const supports = users
		.slice(0, 400)
		.map((user) => ({ versionId: VERSION_ID, measureId: MEASURE_ID, userId: user.id }));
	return { tokens, users, sessions, memberships, comments, commentAnswers, supports };
}

/** A Yjs-update-sized blob (~100 bytes), different each time. */
export function fakeUpdate(n: number): Buffer {
	const bytes = Buffer.alloc(100, n % 251);
	bytes.writeUInt32LE(n, 0);
	return bytes;
}

/** Splits rows into batches small enough for one INSERT on every engine. */
export function batches<T>(rows: readonly T[], size = 200): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
	return out;
}
