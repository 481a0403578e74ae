import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import agendaItemSchema from './schema/AgendaItem.json';
import bodySchema from './schema/Body.json';
import consultationSchema from './schema/Consultation.json';
import fileSchema from './schema/File.json';
import legislativeTermSchema from './schema/LegislativeTerm.json';
import listPageSchema from './schema/ListPage.json';
import locationSchema from './schema/Location.json';
import meetingSchema from './schema/Meeting.json';
import organizationSchema from './schema/Organization.json';
import paperSchema from './schema/Paper.json';
import systemSchema from './schema/System.json';

/**
 * Checks an object against our OParl 1.1 JSON Schema (`./schema`). For tests and development:
 * ajv is a dev dependency, so production code must not import this module.
 */

export type OparlObjectType =
	| 'System'
	| 'Body'
	| 'Paper'
	| 'Consultation'
	| 'File'
	| 'Organization'
	| 'LegislativeTerm'
	| 'Meeting'
	| 'AgendaItem'
	/** One page of an external object list; its `data` are checked one by one by their type. */
	| 'ListPage';

export interface OparlValidation {
	valid: boolean;
	/** `<JSON pointer> <message>`, e.g. `/mainFile/accessUrl must match format "url"`. */
	errors: string[];
}

const SCHEMAS = [
	paperSchema,
	consultationSchema,
	fileSchema,
	organizationSchema,
	bodySchema,
	locationSchema,
	legislativeTermSchema,
	systemSchema,
	meetingSchema,
	agendaItemSchema,
	listPageSchema
];

let validators: Record<OparlObjectType, ValidateFunction> | null = null;

function compiled(): Record<OparlObjectType, ValidateFunction> {
	if (validators) return validators;
	// strict: a typo in a schema keyword is an error, not a silently ignored rule.
	const ajv = new Ajv({ allErrors: true, strict: true });
	// ajv-formats' own `url` rejects localhost, private addresses and host names without a dot,
	// which a self-hosted instance in a town hall's network legitimately has.
	addFormats(ajv, ['date', 'uri']);
	ajv.addFormat('url', isAbsoluteHttpUrl);
	ajv.addFormat('date-time', isOparlDateTime);
	ajv.addSchema(SCHEMAS);
	const get = (schema: { $id: string }) => {
		const validate = ajv.getSchema(schema.$id);
		if (!validate) throw new Error(`Schema ${schema.$id} nicht geladen`);
		return validate;
	};
	validators = {
		System: get(systemSchema),
		LegislativeTerm: get(legislativeTermSchema),
		ListPage: get(listPageSchema),
		Paper: get(paperSchema),
		Consultation: get(consultationSchema),
		File: get(fileSchema),
		Organization: get(organizationSchema),
		Body: get(bodySchema),
		Meeting: get(meetingSchema),
		AgendaItem: get(agendaItemSchema)
	};
	return validators;
}

export function validateOparl(type: OparlObjectType, value: unknown): OparlValidation {
	const validate = compiled()[type];
	const valid = validate(value) === true;
	const errors = (validate.errors ?? []).map((error) =>
		`${error.instancePath || '/'} ${error.message ?? ''}`.trim()
	);
	return { valid, errors };
}

/**
 * What OParl means by `date-time` (§2-04): exactly `yyyy-mm-ddThh:mm:ss±hh:mm`, a real date and
 * time; no fractions of a second and no `Z`, which the ISO 8601 of the JSON Schema allows.
 */
function isOparlDateTime(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})[+-](\d{2}):(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match
		.slice(1)
		.map(Number) as [number, number, number, number, number, number, number, number];
	const calendar = new Date(Date.UTC(year, month - 1, day));
	return (
		calendar.getUTCMonth() === month - 1 &&
		calendar.getUTCDate() === day &&
		hour < 24 &&
		minute < 60 &&
		second < 60 &&
		offsetHours < 24 &&
		offsetMinutes < 60
	);
}

/** What OParl means by `url`: an absolute http(s) URL without whitespace. */
function isAbsoluteHttpUrl(value: string): boolean {
	// The URL parser would also repair `http:example` or `http:/x`; a URL we hand out must not
	// need repairing.
	if (!/^https?:\/\/[^\s/?#]/i.test(value) || /\s/.test(value)) return false;
	try {
		const url = new URL(value);
		return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
	} catch {
		return false;
	}
}
