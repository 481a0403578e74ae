import * as Y from 'yjs';
import type { z } from 'zod';
import { cutText } from '../../text/cut';
import { readRichTextFragment } from './rich-text-xml';
import { readRichTextJson, type BoundedRichText } from '../model/bounded-rich-text';
import {
	ENTITY_FIELDS,
	META_TEXTS,
	MEASURE_COLLECTIONS,
	RESOLUTION_COLLECTIONS,
	RICH_SECTIONS,
	TOP_COLLECTIONS,
	type EntityKind,
	type FieldKind,
	type ResolutionCollection
} from '../model/entities';
import { legacyCoverageLine } from '../model/legacy-coverage';
import { metaMap, resolutionMap, richSection, topCollection } from './layout';
import {
	ENTITY_SCHEMAS,
	emptyResolution,
	metaSchema,
	type Agenda,
	type Consultation,
	type CoverageLine,
	type Measure,
	type Problem,
	type Resolution
} from '../model/schema';
import { textFieldMax } from '../model/limits';
import { sortByOrder } from '../model/order';
import type { RichText } from '../model/rich-text';

/**
 * Turns the live Y.Doc into a plain, validated `Agenda`. Never throws on content: whatever does
 * not fit the model is reported in `problems` (with a path like `measures.<id>.costLines.<id>`)
 * and replaced by its default or left out. Texts beyond the limits of `limits.ts` are cut (long
 * texts also where they nest too deep), so that no reader of the agenda has unbounded work.
 */
export function readAgenda(doc: Y.Doc): { agenda: Agenda; problems: Problem[] } {
	const problems: Problem[] = [];
	const meta = parseWithDefaults(metaSchema, metaFields(metaMap(doc), problems), 'meta', problems);
	const [ausgangslage, leitbild] = RICH_SECTIONS.map((section) =>
		reported(readRichTextFragment(richSection(doc, section)), section, problems)
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
	const nested = (name: ResolutionCollection) => {
		const collection = map.get(name);
		return collection instanceof Y.Map
			? readEntities(collection, name, `resolution.${name}`, problems)
			: [];
	};
	return {
		...fields,
		consultations: nested('consultations') as Consultation[],
		coverageLines: nested('coverageLines') as CoverageLine[]
	};
}

/**
 * The resolution data of a stored snapshot (a Fassung frozen before the data existed holds `{}`),
 * validated the same way as the live document's.
 */
export function resolutionFromSnapshot(value: unknown): Resolution {
	const raw = isRecord(value) ? value : {};
	const problems: Problem[] = [];
	const fields =
		parseWithDefaults(ENTITY_SCHEMAS.resolution, raw, 'resolution', problems) ?? emptyResolution();
	const entries = <T>(schema: z.ZodType<T>, value: unknown): T[] =>
		Array.isArray(value)
			? value.flatMap((entry) => {
					const parsed = schema.safeParse(entry);
					return parsed.success ? [parsed.data] : [];
				})
			: [];
	// A Fassung frozen before the lines existed keeps its one line in the old fields.
	const legacy = legacyCoverageLine(raw);
	return {
		...fields,
		consultations: entries(ENTITY_SCHEMAS.consultations, raw.consultations),
		coverageLines: entries(
			ENTITY_SCHEMAS.coverageLines,
			Array.isArray(raw.coverageLines)
				? raw.coverageLines
				: legacy
					? [{ id: 'deckung', ...legacy }]
					: []
		)
	};
}

/**
 * A Fassung's frozen agenda (the JSON `readAgenda` gave when it was frozen) within today's
 * limits: a snapshot frozen before them, or written straight into the database, may hold texts
 * of any size and nesting. Texts are cut as `readAgenda` cuts them, long texts read with a loop
 * (the parsed JSON may be nested 100,000 deep); everything else is taken as it was frozen.
 */
export function agendaFromSnapshot(value: unknown): { agenda: Agenda; problems: Problem[] } {
	const problems: Problem[] = [];
	const stored = isRecord(value) ? value : {};
	const meta = boundedMetaTexts(isRecord(stored.meta) ? { ...stored.meta } : {}, problems);
	const [ausgangslage, leitbild] = RICH_SECTIONS.map((section) =>
		reported(readRichTextJson(stored[section] ?? []), section, problems)
	);
	const collections = Object.fromEntries(
		TOP_COLLECTIONS.map((name) => [name, snapshotEntities(stored[name], name, name, problems)])
	);
	const resolution = isRecord(stored.resolution) ? stored.resolution : {};
	const agenda = {
		...stored,
		meta,
		ausgangslage,
		leitbild,
		...collections,
		resolution: resolutionFromSnapshot({
			...snapshotFields(resolution, 'resolution', 'resolution', problems),
			...Object.fromEntries(
				RESOLUTION_COLLECTIONS.filter((name) => Array.isArray(resolution[name])).map((name) => [
					name,
					snapshotEntities(resolution[name], name, `resolution.${name}`, problems)
				])
			)
		})
	} as Agenda;
	return { agenda, problems };
}

function snapshotEntities(
	value: unknown,
	kind: EntityKind,
	path: string,
	problems: Problem[]
): Record<string, unknown>[] {
	if (!Array.isArray(value)) return [];
	return value.flatMap((entity) => {
		if (!isRecord(entity)) return [];
		const entityPath = `${path}.${String(entity.id)}`;
		const fields = snapshotFields(entity, kind, entityPath, problems);
		if (kind === 'measures') {
			for (const nested of MEASURE_COLLECTIONS) {
				fields[nested] = snapshotEntities(
					entity[nested],
					nested,
					`${entityPath}.${nested}`,
					problems
				);
			}
		}
		return [fields];
	});
}

/** The entity's short and long texts within their limits, its other fields as they are. */
function snapshotFields(
	entity: Record<string, unknown>,
	kind: EntityKind,
	path: string,
	problems: Problem[]
): Record<string, unknown> {
	const fields = { ...entity };
	for (const [field, fieldKind] of Object.entries(ENTITY_FIELDS[kind]) as [string, FieldKind][]) {
		const value = fields[field];
		if (fieldKind === 'text' && typeof value === 'string') {
			fields[field] = boundedText(value, textFieldMax(kind, field), `${path}.${field}`, problems);
		} else if (fieldKind === 'rich' && value !== undefined) {
			fields[field] = reported(readRichTextJson(value), `${path}.${field}`, problems);
		} else if (fieldKind === 'value' && value === undefined) {
			// A field added to the model after the Fassung was frozen (an indicator's baseline):
			// its default, as a live document without it reads.
			const fallback = shapeOf(kind)[field]?.safeParse(undefined);
			if (fallback?.success && fallback.data !== undefined) fields[field] = fallback.data;
		}
	}
	return fields;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
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
		const converted = convertField(value, fieldKind, kind, `${path}.${field}`, problems);
		if (converted === MISMATCH) {
			problems.push({ path: `${path}.${field}`, message: 'Falscher Typ im Dokument; ignoriert.' });
			continue;
		}
		raw[field] = converted;
	}
	return raw;
}

const MISMATCH = Symbol('mismatch');

function convertField(
	value: unknown,
	kind: FieldKind,
	entity: EntityKind,
	path: string,
	problems: Problem[]
): unknown {
	const field = path.slice(path.lastIndexOf('.') + 1);
	switch (kind) {
		case 'text':
			return value instanceof Y.Text
				? boundedText(value.toString(), textFieldMax(entity, field), path, problems)
				: MISMATCH;
		case 'rich':
			return value instanceof Y.XmlFragment
				? reported(readRichTextFragment(value), path, problems)
				: MISMATCH;
		case 'set':
			return value instanceof Y.Map ? [...value.keys()].sort() : MISMATCH;
		case 'value':
			return value instanceof Y.AbstractType ? MISMATCH : value;
		case 'collection':
			return MISMATCH;
	}
}

/** Title, municipality and period as plain values, the texts within their limits. */
function metaFields(map: Y.Map<unknown>, problems: Problem[]): Record<string, unknown> {
	const raw: Record<string, unknown> = {};
	for (const [key, value] of map.entries())
		raw[key] = value instanceof Y.Text ? value.toString() : value;
	return boundedMetaTexts(raw, problems);
}

function boundedMetaTexts(raw: Record<string, unknown>, problems: Problem[]) {
	for (const field of META_TEXTS) {
		const value = raw[field];
		if (typeof value === 'string') {
			raw[field] = boundedText(value, textFieldMax('meta', field), `meta.${field}`, problems);
		}
	}
	return raw;
}

/** `text` cut to `max` characters; a cut is reported. */
function boundedText(text: string, max: number, path: string, problems: Problem[]): string {
	const cut = cutText(text, max);
	if (cut.length < text.length)
		problems.push({ path, message: `Länger als ${max} Zeichen; gekürzt.` });
	return cut;
}

/** A long text read within the limits, with what was cut reported under `path`. */
function reported(read: BoundedRichText, path: string, problems: Problem[]): RichText {
	for (const message of read.problems) problems.push({ path, message });
	return read.text;
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

function shapeOf(kind: EntityKind): Record<string, z.ZodType | undefined> {
	return ENTITY_SCHEMAS[kind].shape;
}
