import type { Executor } from './db/connection';
import { auditLog } from './db/schema';

/** Records who changed what. Details never hold passwords or tokens. */
export async function audit(
	db: Executor,
	entry: {
		actorId: string | null;
		agendaId?: string | null;
		action: string;
		details?: Record<string, unknown>;
	}
): Promise<void> {
	await db.insert(auditLog).values({
		actorId: entry.actorId,
		agendaId: entry.agendaId ?? null,
		action: entry.action,
		details: entry.details ?? null
	});
}
