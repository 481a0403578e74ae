import { isId } from '../../id-format';
import { accessChangedElsewhere } from '../access-changes';
import { commentsChangedElsewhere } from '../participation/notify';
import { clearSharedPublicPagesHere } from '../public-page-cache';
import { CHANNELS, type ClusterBus } from './bus';

/**
 * What this process does when another one tells it something (docs/architecture.md §6). Set up
 * once per process, by the server entry right after it installs the bus: the SvelteKit bundle
 * only publishes, so that no message is handled twice. Returns the function that stops it.
 */
export function installRelays(bus: ClusterBus): () => void {
	const stops = [
		bus.subscribe(CHANNELS.publicPagesClear, () => clearSharedPublicPagesHere()),
		bus.subscribe(CHANNELS.access, (payload) => {
			const agendaId = agendaIdIn(payload);
			// Without an agenda (sessions, accounts) every socket is rechecked.
			if (agendaId !== null) accessChangedElsewhere(agendaId === undefined ? {} : { agendaId });
		}),
		bus.subscribe(CHANNELS.comments, (payload) => {
			const agendaId = agendaIdIn(payload);
			if (agendaId) commentsChangedElsewhere(agendaId);
		}),
		// Messages published while Redis was away are lost: look again at what they may have said.
		// (Comment streams catch up when the editor reloads; they carry no truth either.)
		bus.onReady(() => {
			clearSharedPublicPagesHere();
			accessChangedElsewhere({});
		})
	];
	return () => {
		for (const stop of stops) stop();
	};
}

/**
 * The agenda id of a message `{"agendaId": …}`; undefined for `{}`; null for anything else.
 * Nothing in a message is believed beyond "look at this agenda again": a well-formed id is all
 * it can name.
 */
export function agendaIdIn(payload: Buffer): string | undefined | null {
	let message: unknown;
	try {
		message = JSON.parse(payload.toString());
	} catch {
		return null;
	}
	if (typeof message !== 'object' || message === null) return null;
	const { agendaId } = message as { agendaId?: unknown };
	if (agendaId === undefined) return undefined;
	return typeof agendaId === 'string' && isId(agendaId) ? agendaId : null;
}
