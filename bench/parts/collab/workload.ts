/**
 * One round: N editors on one document of one server – connect, warm up, measure, let the last
 * messages arrive, disconnect. The same function runs against every server, so the only thing
 * that differs between the rows of one N is the server.
 */
import { randomInt } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { coreShare, peakRssOf, sampleProcess } from '../../lib/process-stats';
import { EditLedger, FullClient } from './full-client';
import { LightEditor, writeScript } from './light-editor';
import type { BenchServer } from './servers';

export interface RoundPlan {
	editors: number;
	/** Editors that are full clients and measure latency; the rest are light sockets. */
	fullClients: number;
	editsPerSecond: number;
	warmupMs: number;
	measureMs: number;
	/** After the window: no more sending, arrivals of measured edits still count. */
	graceMs: number;
}

export interface RoundResult {
	latenciesMs: number[];
	/** Arrivals of measured edits expected at the other full clients, and those that came. */
	expected: number;
	delivered: number;
	/** Messages (edits and presence) the editors sent to the server, per second of the window. */
	messagesInPerSecond: number;
	/** Frames the server sent to all editors, per second of the window. */
	messagesOutPerSecond: number;
	/** Over all of the server's processes: CPU summed, peak RSS summed. */
	serverCpuShare: number;
	serverPeakRssBytes: number;
	/** Each server process on its own, in the order of `BenchServer.pids`. */
	processes: ProcessLoad[];
	/** The generator's own health: event-loop delay and CPU in the window. */
	generatorLagP99Ms: number;
	generatorLagMaxMs: number;
	generatorCpuShare: number;
	/** Light sockets the server closed during the round (e.g. as too slow). */
	droppedSockets: number;
}

export interface ProcessLoad {
	/** Share of one core in the window. */
	cpuShare: number;
	peakRssBytes: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The event-loop monitor's timer period: its histogram holds period + delay, so it is taken off. */
const LAG_RESOLUTION_MS = 1;

export async function runRound(
	server: BenchServer,
	round: string,
	plan: RoundPlan
): Promise<RoundResult> {
	const totalSeconds = (plan.warmupMs + plan.measureMs) / 1000;
	// With ±50 % jitter an editor may get ahead of the mean rate; never run out of frames.
	const editsPerEditor = Math.ceil(plan.editsPerSecond * totalSeconds * 1.5) + 5;
	const presencesPerEditor = Math.ceil(totalSeconds * 1.5) + 2;
	const lightCount = plan.editors - plan.fullClients;
	await server.prepareRound?.(round);
	// Fresh random client ids: a reused id would make the new updates look like ones a document
	// that outlived its round (as Agendawerk's persisted ones do) already has.
	const scripts = Array.from({ length: lightCount }, (_, index) =>
		writeScript(
			server.endpoint(round, index).dialect,
			randomInt(1, 2 ** 31),
			editsPerEditor,
			presencesPerEditor
		)
	);

	const ledger = new EditLedger();
	const full: FullClient[] = [];
	const light: LightEditor[] = [];
	try {
		for (let i = 0; i < plan.fullClients; i++) {
			const endpoint = server.endpoint(round, lightCount + i);
			full.push(await FullClient.open(endpoint, ledger, round, `Messung ${i + 1}`));
		}
		// A few connections at a time, as people arrive, not one burst of hundreds of upgrades.
		for (let start = 0; start < lightCount; start += 20) {
			const batch = await Promise.allSettled(
				scripts
					.slice(start, start + 20)
					.map((script, offset) => LightEditor.open(server.endpoint(round, start + offset), script))
			);
			for (const outcome of batch) if (outcome.status === 'fulfilled') light.push(outcome.value);
			const refused = batch.find((outcome) => outcome.status === 'rejected');
			if (refused) throw refused.reason;
		}

		for (const editor of light) editor.start(plan.editsPerSecond);
		for (const client of full) client.start(plan.editsPerSecond);
		await sleep(plan.warmupMs);

		const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
		const countersBefore = counters(light, full);
		const cpuBefore = server.pids.map(sampleProcess);
		const generatorBefore = process.cpuUsage();
		const started = performance.now();
		lag.enable();
		ledger.measuring = true;
		const { peakRssBytes } = await peakRssOf(server.pids, () => sleep(plan.measureMs), 250);
		ledger.measuring = false;
		lag.disable();
		const seconds = (performance.now() - started) / 1000;
		const cpuAfter = server.pids.map(sampleProcess);
		const processes = cpuAfter.map((after, index) => ({
			cpuShare: coreShare(cpuBefore[index] ?? after, after, seconds),
			peakRssBytes: peakRssBytes[index] ?? 0
		}));
		const generator = process.cpuUsage(generatorBefore);
		const countersAfter = counters(light, full);
		ledger.deadline = performance.now() + plan.graceMs;

		for (const editor of light) editor.stop();
		for (const client of full) client.stop();
		await sleep(plan.graceMs);

		return {
			latenciesMs: ledger.latencies,
			expected: ledger.sentAt.size * (plan.fullClients - 1),
			delivered: ledger.delivered,
			messagesInPerSecond: (countersAfter.sent - countersBefore.sent) / seconds,
			messagesOutPerSecond: (countersAfter.received - countersBefore.received) / seconds,
			serverCpuShare: sum(processes.map((entry) => entry.cpuShare)),
			serverPeakRssBytes: sum(processes.map((entry) => entry.peakRssBytes)),
			processes,
			generatorLagP99Ms: Math.max(0, lag.percentile(99) / 1e6 - LAG_RESOLUTION_MS),
			generatorLagMaxMs: Math.max(0, lag.max / 1e6 - LAG_RESOLUTION_MS),
			generatorCpuShare: (generator.user + generator.system) / 1e6 / seconds,
			droppedSockets: light.filter((editor) => editor.closed).length
		};
	} finally {
		for (const editor of light) editor.close();
		for (const client of full) client.close();
	}
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * Messages sent and received so far. A full client's sent count is its edits plus one presence
 * per second (close enough: the window is whole seconds); light editors count exactly.
 */
function counters(light: LightEditor[], full: FullClient[]) {
	let sent = 0;
	let received = 0;
	for (const editor of light) {
		sent += editor.editsSent + editor.presenceSent;
		received += editor.framesIn;
	}
	for (const client of full) {
		sent += client.editsSent + client.presenceSent;
		received += client.framesIn;
	}
	return { sent, received };
}
