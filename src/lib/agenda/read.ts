import * as Y from 'yjs';
import type { z } from 'zod';
import {
	ENTITY_FIELDS,
	MEASURE_COLLECTIONS,
	RICH_SECTIONS,
	TOP_COLLECTIONS,
	metaMap,
	resolutionMap,
	richSection,
	topCollection,
	type EntityKind,
	type FieldKind
} from './layout';
import {
	ENTITY_SCHEMAS,
	emptyResolution,
	metaSchema,
	type Agenda,
	type Consultation,
	type Measure,
	type Problem,
	type Resolution
} from './model';
import { sortByOrder } from './order';
import { fragmentToRichText } from './rich-text';

/**
 * Turns the live Y.Doc into a plain, validated `Agenda`. Never throws on content: whatever does
 * not fit the model is reported in `problems` (with a path like `measures.<id>.costLines.<id>`)
 * and replaced by its default or left out.
 */
export function readAgenda(doc: Y.Doc): { agenda: Agenda; problems: Problem[] } {
	const problems: Problem[] = [];
	const meta = parseWithDefaults(metaSchema, plainMap(metaMap(doc)), 'meta', problems);
	const [ausgangslage, leitbild] = RICH_SECTIONS.map((section) =>
		fragmentToRichText(richSection(doc, section))
	);
	const collections = Object.fromEntries(
		TOP_COLLECTIONS.map((name) => [
			name,
			readEntities(topCollection(doc, name), name, name, problems)
		])
	);
	const agenda = {
		meta: meta ?? metaSchema.parse({}),
		ausgangslage: ausgangslage ?? [],
		leitbild: leitbild ?? [],
		...collections,
		resolution: readResolution(resolutionMap(doc), problems)
	} as Agenda;
	dropDanglingReferences(agenda);
	return { agenda, problems };
}

/**
 * One editor may assign a goal while another deletes it; both changes merge, and the measure then
 * points at nothing. Such references are simply not there for readers (deleting won).
 */
function dropDanglingReferences(agenda: Agenda) {
	const ids = (items: { id: string }[]) => new Set(items.map((item) => item.id));
	const goals = ids(agenda.goals);
	const people = ids(agenda.people);
	const fields = ids(agenda.fields);
	const sources = ids(agenda.fundingSources);
	for (const measure of agenda.measures) {
		measure.goalIds = measure.goalIds.filter((id) => goals.has(id));
		measure.patronIds = measure.patronIds.filter((id) => people.has(id));
		if (measure.fieldId !== null && !fields.has(measure.fieldId)) measure.fieldId = null;
		for (const line of measure.costLines) {
			if (line.fundingSourceId !== null && !sources.has(line.fundingSourceId)) {
				line.fundingSourceId = null;
				line.fundingCents = null;
			}
		}
	}
}

function readResolution(map: Y.Map<unknown>, problems: Problem[]): Resolution {
	const raw = rawEntity(map, 'resolution', 'resolution', problems);
	const fields =
		parseWithDefaults(ENTITY_SCHEMAS.resolution, raw, 'resolution', problems) ?? emptyResolution();
	const nested = map.get('consultations');
	const consultations = (
		nested instanceof Y.Map
			? readEntities(nested, 'consultations', 'resolution.consultations', problems)
			: []
	) as Consultation[];
	return { ...fields, consultations };
}

/**
 * The resolution data of a stored snapshot (a Fassung frozen before the data existed holds `{}`),
 * validated the same way as the live document's.
 */
export function resolutionFromSnapshot(value: unknown): Resolution {
	const raw = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
	const problems: Problem[] = [];
	const fields =
		parseWithDefaults(ENTITY_SCHEMAS.resolution, raw, 'resolution', problems) ?? emptyResolution();
	const consultations = Array.isArray(raw.consultations)
		? raw.consultations.flatMap((entry) => {
				const parsed = ENTITY_SCHEMAS.consultations.safeParse(entry);
				return parsed.success ? [parsed.data] : [];
			})
		: [];
	return { ...fields, consultations };
}

function readEntities(
	map: Y.Map<Y.Map<unknown>> | Y.Map<unknown>,
	kind: EntityKind,
	path: string,
	problems: Problem[]
): unknown[] {
	const entities: { id: string; order: string }[] = [];
	for (const [id, value] of map.entries()) {
		const entityPath = `${path}.${id}`;
		if (!(value instanceof Y.Map)) {
			problems.push({ path: entityPath, message: 'Eintrag ist keine Y.Map; ausgelassen.' });
			continue;
		}
		const raw = rawEntity(value, kind, entityPath, problems);
		const parsed = parseWithDefaults(ENTITY_SCHEMAS[kind], { ...raw, id }, entityPath, problems);
		if (!parsed) continue;
		if (kind === 'measures') {
			const measure = parsed as Measure;
			for (const nested of MEASURE_COLLECTIONS) {
				const nestedMap = value.get(nested);
				measure[nested] = (
					nestedMap instanceof Y.Map
						? readEntities(nestedMap, nested, `${entityPath}.${nested}`, problems)
						: []
				) as never;
			}
		}
		entities.push(parsed as { id: string; order: string });
	}
	return sortByOrder(entities);
}

/** The entity's fields as plain values, converted by the kind the layout gives them. */
function rawEntity(
	map: Y.Map<Y.Map<unknown>> | Y.Map<unknown>,
	kind: EntityKind,
	path: string,
	problems: Problem[]
): Record<string, unknown> {
	const raw: Record<string, unknown> = { order: map.get('order') };
	for (const [field, fieldKind] of Object.entries(ENTITY_FIELDS[kind]) as [string, FieldKind][]) {
		if (fieldKind === 'collection') continue;
		const value = map.get(field);
		if (value === undefined) continue;
		const converted = convertField(value, fieldKind);
		if (converted === MISMATCH) {
			problems.push({ path: `${path}.${field}`, message: 'Falscher Typ im Dokument; ignoriert.' });
			continue;
		}
		raw[field] = converted;
	}
	return raw;
}

const MISMATCH = Symbol('mismatch');

function convertField(value: unknown, kind: FieldKind): unknown {
	switch (kind) {
		case 'text':
			return value instanceof Y.Text ? value.toString() : MISMATCH;
		case 'rich':
			return value instanceof Y.XmlFragment ? fragmentToRichText(value) : MISMATCH;
		case 'set':
			return value instanceof Y.Map ? [...value.keys()].sort() : MISMATCH;
		case 'value':
			return value instanceof Y.AbstractType ? MISMATCH : value;
		case 'collection':
			return MISMATCH;
	}
}

function plainMap(map: Y.Map<unknown>): Record<string, unknown> {
	const raw: Record<string, unknown> = {};
	for (const [key, value] of map.entries()) {
		raw[key] = value instanceof Y.Text ? value.toString() : value;
	}
	return raw;
}

/**
 * Strict parse first; on failure, fields that have a default fall back to it. If a field without
 * a default is invalid, the whole object is left out. Every fallback is reported.
 */
function parseWithDefaults<S extends z.ZodObject>(
	schema: S,
	raw: Record<string, unknown>,
	path: string,
	problems: Problem[]
): z.output<S> | null {
	const strict = schema.safeParse(raw);
	if (strict.success) return strict.data;
	const repaired = { ...raw };
	for (const issue of strict.error.issues) {
		const field = issue.path[0];
		if (typeof field !== 'string') continue;
		problems.push({ path: `${path}.${field}`, message: issue.message });
		delete repaired[field];
	}
	const retry = schema.safeParse(repaired);
	if (retry.success) return retry.data;
	problems.push({ path, message: 'Eintrag ungültig; ausgelassen.' });
	return null;
}
