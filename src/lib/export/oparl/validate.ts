import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import bodySchema from './schema/Body.json';
import consultationSchema from './schema/Consultation.json';
import fileSchema from './schema/File.json';
import legislativeTermSchema from './schema/LegislativeTerm.json';
import locationSchema from './schema/Location.json';
import organizationSchema from './schema/Organization.json';
import paperSchema from './schema/Paper.json';

/**
 * Checks an object against our OParl 1.1 JSON Schema (`./schema`). For tests and development:
 * ajv is a dev dependency, so production code must not import this module.
 */

export type OparlObjectType = 'Paper' | 'Consultation' | 'File' | 'Organization' | 'Body';

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
	legislativeTermSchema
];

let validators: Record<OparlObjectType, ValidateFunction> | null = null;

function compiled(): Record<OparlObjectType, ValidateFunction> {
	if (validators) return validators;
	// strict: a typo in a schema keyword is an error, not a silently ignored rule.
	const ajv = new Ajv({ allErrors: true, strict: true });
	// ajv-formats' own `url` rejects localhost, private addresses and host names without a dot,
	// which a self-hosted instance in a town hall's network legitimately has.
	addFormats(ajv, ['date', 'date-time', 'uri']);
	ajv.addFormat('url', isAbsoluteHttpUrl);
	ajv.addSchema(SCHEMAS);
	const get = (schema: { $id: string }) => {
		const validate = ajv.getSchema(schema.$id);
		if (!validate) throw new Error(`Schema ${schema.$id} nicht geladen`);
		return validate;
	};
	validators = {
		Paper: get(paperSchema),
		Consultation: get(consultationSchema),
		File: get(fileSchema),
		Organization: get(organizationSchema),
		Body: get(bodySchema)
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
