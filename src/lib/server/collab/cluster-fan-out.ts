import {
	decodeFanOutMessage,
	encodeFanOutMessage,
	inProcessFanOut,
	type FanOut
} from '../../../../server/collab/fan-out';
import { CHANNEL_PREFIX, type ClusterBus } from '../redis/bus';

/** The channel of one agenda's document. */
export const documentChannel = (agendaId: string) => `${CHANNEL_PREFIX}doc:${agendaId}`;

/**
 * The collab core's fan-out over the cluster bus (Redis): each agenda's document on its own
 * channel, so a process hears only about the documents it has loaded. Without other processes,
 * the core's in-process default.
 */
export function clusterFanOut(bus: ClusterBus): FanOut {
	if (!bus.shared) return inProcessFanOut;
	return {
		shared: true,
		get connected() {
			return bus.connected;
		},
		publish(agendaId, message) {
			bus.publish(documentChannel(agendaId), encodeFanOutMessage(message));
		},
		subscribe(agendaId, receive) {
			return bus.subscribe(documentChannel(agendaId), (payload) => {
				const message = decodeFanOutMessage(payload);
				if (message) receive(message);
			});
		},
		onReady: (listener) => bus.onReady(listener)
	};
}
