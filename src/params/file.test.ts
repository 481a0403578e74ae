import { describe, expect, it } from 'vitest';
import { EXPORT_FILES } from '$lib/export/files';
import { match } from './file';

describe('file matcher', () => {
	it.each(Object.keys(EXPORT_FILES))('accepts the export file %j', (param) => {
		expect(match(param)).toBe(true);
	});

	it.each(['', 'geheim.exe', '__proto__', 'constructor', 'agenda.DOCX', 'agenda.docx/', 'agenda'])(
		'refuses %j',
		(param) => {
			expect(match(param)).toBe(false);
		}
	);
});
