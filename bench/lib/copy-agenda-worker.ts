/** The thread of `copyAgendaIn`: copies the agenda and posts the new agenda's id. */
import { parentPort, workerData } from 'node:worker_threads';
import { copyAgendaWithMembers } from '../../tests/support/participation';

const { locator, fromSlug, toSlug } = workerData as {
	locator: string;
	fromSlug: string;
	toSlug: string;
};
parentPort?.postMessage(await copyAgendaWithMembers(locator, fromSlug, toSlug));
