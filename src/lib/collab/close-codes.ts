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
	roleChanged: 4409,
	/**
	 * A change went beyond the limits of the document (too long, nested too deep) and was taken
	 * back. In the "try again later" range: the client reconnects and gets the document as it is.
	 */
	contentRejected: 4513
} as const;
