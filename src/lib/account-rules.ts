/** Limits of account fields, shown in forms and enforced on the server. */
export const PASSWORD_MIN_LENGTH = 10;
/** argon2 takes any length; the bound keeps a megabyte "password" from becoming a CPU sink. */
export const PASSWORD_MAX_LENGTH = 256;
export const DISPLAY_NAME_MAX_LENGTH = 80;
/** RFC 5321 limit of a forward path. */
export const EMAIL_MAX_LENGTH = 254;
