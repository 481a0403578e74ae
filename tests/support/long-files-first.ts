import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that run for minutes though their source is short. Vitest starts the files it has no
 * timings for (every CI run: a fresh clone) largest first, so the benchmark's smoke run (one
 * short file, 3–4 minutes) started last and ran alone while the other worker had nothing left.
 */
const LONG_RUNNING_FILES = ['tests/http/bench-smoke.test.ts'];

/** Vitest's order, with the long-running files moved to the front (their group keeps its place). */
export class LongFilesFirst extends BaseSequencer {
	override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		const sorted = await super.sort(files);
		const isLong = (file: TestSpecification) =>
			LONG_RUNNING_FILES.some((path) => file.moduleId.endsWith(path));
		return [...sorted.filter(isLong), ...sorted.filter((file) => !isLong(file))];
	}
}
