import type { ParamMatcher } from '@sveltejs/kit';
import { isExportFileName, type ExportFileName } from '$lib/export/files';

/** The names of the export's files (`/api/agendas/<id>/export/<file>`). */
export const match = ((param: string): param is ExportFileName =>
	isExportFileName(param)) satisfies ParamMatcher;
