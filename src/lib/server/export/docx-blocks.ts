import {
	AlignmentType,
	BorderStyle,
	Paragraph,
	ShadingType,
	Table,
	TableBorders,
	TableCell,
	TableLayoutType,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import {
	type Cell,
	type Column,
	type FieldsBlock,
	type Run,
	type TableBlock
} from '$lib/export/document';
import { ACCENT_COLOR, columnWidths, textRuns } from './docx-parts';
import { FILL_COLOR, MISSING_FORMAT, STYLE, TABLE_SIZE, WIDE_TABLE_SIZE } from './docx-styles';
import { contentColumnWidths, rowsKeptWithNext } from './docx-table-layout';
import { columnContents, relativeWidths } from './table-columns';

/** Word runs of the document model's runs. */
export function documentRuns(runs: Run[]): TextRun[] {
	return runs.flatMap((run) =>
		textRuns(run.text, {
			...(run.bold ? { bold: true } : {}),
			...(run.italic ? { italics: true } : {}),
			...(run.missing ? MISSING_FORMAT : {})
		})
	);
}

/** Share of the text width of the labels in a fields block. */
const FIELD_LABEL_SHARE = 0.3;

/**
 * Label/value pairs as a borderless two-column table: the values line up, and Word keeps a long
 * value next to its label.
 */
export function fieldsTable(block: FieldsBlock, textWidth: number): Table {
	const widths = columnWidths([FIELD_LABEL_SHARE, 1 - FIELD_LABEL_SHARE], textWidth);
	const keep = rowsKeptWithNext(block.rows.length);
	const cell = (children: TextRun[], width: number, keepNext: boolean) =>
		new TableCell({
			width: { size: width, type: WidthType.DXA },
			children: [
				new Paragraph({ spacing: { after: 60 }, keepNext: keepNext || undefined, children })
			]
		});
	return new Table({
		width: { size: textWidth, type: WidthType.DXA },
		columnWidths: widths,
		layout: TableLayoutType.FIXED,
		borders: TableBorders.NONE,
		rows: block.rows.map(
			(row, index) =>
				new TableRow({
					cantSplit: true,
					children: [
						cell(textRuns(row.label, { bold: true }), widths[0] ?? 0, keep[index] === true),
						cell(documentRuns(row.value), widths[1] ?? 0, keep[index] === true)
					]
				})
		)
	});
}

const ALIGNMENT = {
	left: AlignmentType.LEFT,
	right: AlignmentType.RIGHT,
	center: AlignmentType.CENTER
} as const;

interface TableLayout {
	columns: Column[];
	widths: number[];
	/** The run size of wide tables; others take the table style's. */
	size: number | undefined;
}

/** A table of the document: its caption, then a Word table in the document's table style. */
export function dataTable(block: TableBlock, textWidth: number): (Paragraph | Table)[] {
	const caption = new Paragraph({ style: STYLE.caption, children: textRuns(block.caption) });
	if (block.columns.length === 0) return [caption];
	const footer = block.footer ?? [];
	const allRows = [...block.rows, ...footer];
	const size = block.size === 'wide' ? WIDE_TABLE_SIZE : undefined;
	const layout: TableLayout = {
		columns: block.columns,
		widths: contentColumnWidths(
			columnContents(block.columns, allRows),
			relativeWidths(block.columns),
			textWidth,
			size ?? TABLE_SIZE
		),
		size
	};
	const keep = rowsKeptWithNext(allRows.length, footer.length);
	const bodyRows = allRows.map((cells, index) =>
		dataRow(layout, cells, {
			footer: index >= block.rows.length,
			firstFooter: index === block.rows.length,
			keepNext: keep[index] === true
		})
	);
	const table = new Table({
		style: STYLE.table,
		width: { size: textWidth, type: WidthType.DXA },
		columnWidths: layout.widths,
		layout: TableLayoutType.FIXED,
		tableLook: {
			firstRow: true,
			lastRow: false,
			// Banding would compete with the filled cells of a roadmap.
			noHBand: block.rows.some((row) => row.some((cell) => cell.fill)),
			noVBand: true
		},
		rows: [headerRow(layout, bodyRows.length > 0), ...bodyRows]
	});
	return [caption, table];
}

/**
 * The column labels; Word repeats this row at the top of every page the table runs onto, and
 * keeps it with the first row below.
 */
function headerRow(layout: TableLayout, keepNext: boolean): TableRow {
	return new TableRow({
		tableHeader: true,
		cantSplit: true,
		keepNext: keepNext || undefined,
		children: layout.columns.map((column, index) =>
			tableCell(layout, index, textRuns(column.label, { size: layout.size }))
		)
	});
}

function dataRow(
	layout: TableLayout,
	cells: Cell[],
	role: { footer: boolean; firstFooter: boolean; keepNext: boolean }
): TableRow {
	return new TableRow({
		cantSplit: true,
		// Unset rather than `false`, which docx would write into every cell.
		keepNext: role.keepNext || undefined,
		children: layout.columns.map((_, index) => {
			// A row shorter than the header still fills the grid, or Word reports the file as damaged.
			const cell = cells[index] ?? { text: '' };
			return tableCell(layout, index, cellRuns(cell, layout.size, role.footer), {
				fill: cell.fill === true,
				ruleAbove: role.firstFooter
			});
		})
	});
}

function cellRuns(cell: Cell, size: number | undefined, footer: boolean): TextRun[] {
	return textRuns(cell.text, {
		size,
		...(cell.bold || footer ? { bold: true } : {}),
		...(cell.italic ? { italics: true } : {}),
		...(cell.missing ? MISSING_FORMAT : {})
	});
}

function tableCell(
	layout: TableLayout,
	index: number,
	children: TextRun[],
	{ fill = false, ruleAbove = false }: { fill?: boolean; ruleAbove?: boolean } = {}
): TableCell {
	const align = layout.columns[index]?.align ?? 'left';
	return new TableCell({
		width: { size: layout.widths[index] ?? 0, type: WidthType.DXA },
		shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill: FILL_COLOR } : undefined,
		// The totals set off from the body; direct, as the style's „last row“ is one row only.
		borders: ruleAbove
			? { top: { style: BorderStyle.SINGLE, size: 12, color: ACCENT_COLOR } }
			: undefined,
		children: [new Paragraph({ alignment: ALIGNMENT[align], children })]
	});
}
