/** A module called notify() with content the inbox cannot hold: a programming error. */
export class InvalidNotificationError extends Error {
  override readonly name = 'InvalidNotificationError';
}
