import type { FileProblem } from '$lib/monitoring/format';
import { m } from '$lib/paraglide/messages';
import type { ImportRow, ImportRowProblem } from '$lib/server/monitoring/import';
import { XLSX_UNPACKED_MAX_BYTES } from '$lib/server/monitoring/xlsx';

/** Each row's result in German (or English), naming the column of a problem. */
const PROBLEMS: Record<ImportRowProblem, () => string> = {
	'too-many-cells': () => m.monitoring_import_problem_too_many_cells(),
	required: () => m.monitoring_import_problem_required(),
	'unknown-kind': () => m.monitoring_import_problem_unknown_kind(),
	'unknown-item-kind': () => m.monitoring_import_problem_unknown_item_kind(),
	'not-for-kind': () => m.monitoring_import_problem_not_for_kind(),
	date: () => m.monitoring_import_problem_date(),
	status: () => m.monitoring_import_problem_status(),
	'whole-number': () => m.monitoring_import_problem_whole_number(),
	decimal: () => m.monitoring_import_problem_decimal(),
	euro: () => m.monitoring_import_problem_euro(),
	'out-of-range': () => m.monitoring_import_problem_out_of_range(),
	'item-not-in-plan': () => m.monitoring_import_problem_item_not_in_plan(),
	'not-for-inventory': () => m.monitoring_import_problem_not_for_inventory(),
	'milestone-not-in-measure': () => m.monitoring_import_problem_milestone_not_in_measure(),
	'indicator-not-in-measure': () => m.monitoring_import_problem_indicator_not_in_measure(),
	'text-empty': () => m.monitoring_import_problem_text_empty(),
	'reason-missing': () => m.monitoring_import_problem_reason_missing(),
	'not-your-measure': () => m.monitoring_import_problem_not_your_measure()
};

export function rowMessage(row: ImportRow): string {
	const { result } = row;
	switch (result.outcome) {
		case 'new':
			return m.monitoring_import_outcome_new();
		case 'skipped':
			return result.reason === 'already-stored'
				? m.monitoring_import_skipped_stored()
				: m.monitoring_import_skipped_twice();
		case 'error': {
			const reason = PROBLEMS[result.problem]();
			return result.column === null
				? m.monitoring_import_row_error({ reason })
				: m.monitoring_import_row_error_column({ column: result.column, reason });
		}
	}
}

export function fileMessage(problem: FileProblem): string {
	switch (problem.problem) {
		case 'empty':
			return m.monitoring_import_error_empty();
		case 'malformed':
			return problem.detail === 'unclosed-quote'
				? m.monitoring_import_error_unclosed_quote({ line: problem.line })
				: m.monitoring_import_error_stray_quote({ line: problem.line });
		case 'unreadable-xlsx':
			return m.monitoring_import_error_unreadable_xlsx();
		case 'xlsx-too-large':
			return m.monitoring_import_error_xlsx_too_large({
				max: Math.floor(XLSX_UNPACKED_MAX_BYTES / (1024 * 1024))
			});
		case 'unknown-column':
			return m.monitoring_import_error_unknown_column({ column: problem.column });
		case 'duplicate-column':
			return m.monitoring_import_error_duplicate_column({ column: problem.column });
		case 'missing-column':
			return m.monitoring_import_error_missing_column({ column: problem.column });
	}
}
