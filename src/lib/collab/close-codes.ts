/** Websocket close codes of the collab server; the editor explains each to the user. */
export const CLOSE = {
	goingAway: 1001,
	unsupported: 1003,
	policy: 1008,
	tooBig: 1009,
	internalError: 1011,
	/** The session ended (log-out, password change, expiry). */
	sessionEnded: 4401,
	/** The membership was removed. */
	accessRevoked: 4403,
	/** The role changed: reconnect to work with the new rights. */
	roleChanged: 4409
} as const;
