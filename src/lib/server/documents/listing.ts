import { eq } from 'drizzle-orm';
import type * as Y from 'yjs';
import { metaMap } from '../../agenda/ydoc/layout';
import { metaSchema } from '../../agenda/model/schema';
import type { Executor } from '../db/connection';
import { agendas } from '../db/schema';

/**
 * The agenda row keeps title, municipality and period for lists and links; the document is where
 * they are edited. This copies valid, non-empty values from the document into the row.
 * Returns whether the row changed.
 */
export async function syncAgendaListing(
	db: Executor,
	agendaId: string,
	doc: Y.Doc
): Promise<boolean> {
	const raw = Object.fromEntries(
		[...metaMap(doc).entries()].map(([key, value]) => [key, String(value ?? '')])
	);
	const parsed = metaSchema.safeParse({
		title: raw.title?.trim(),
		municipality: raw.municipality?.trim(),
		periodStart: Number(raw.periodStart),
		periodEnd: Number(raw.periodEnd)
	});
	if (!parsed.success) return false;
	const { title, municipality, periodStart, periodEnd } = parsed.data;
	if (!title || !municipality || periodStart === null || periodEnd === null) return false;
	if (periodEnd < periodStart) return false;
	const [row] = await db.select().from(agendas).where(eq(agendas.id, agendaId));
	if (!row) return false;
	const changes = {
		title: title.slice(0, 200),
		municipality: municipality.slice(0, 120),
		periodStart,
		periodEnd
	};
	if (
		row.title === changes.title &&
		row.municipality === changes.municipality &&
		row.periodStart === periodStart &&
		row.periodEnd === periodEnd
	) {
		return false;
	}
	await db.update(agendas).set(changes).where(eq(agendas.id, agendaId));
	return true;
}
