const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Every non-empty piece of a line between double quotes (and the unterminated piece at its
 * end), read as UTF-8 with invalid bytes as U+FFFD. A line that cannot be parsed still names
 * its user this way (`{"user_id":"u-1","timest`), so the door can tell that it belongs to an
 * erased user without parsing it. Pieces between two strings (`:`, `,`) come along; they are
 * only compared, never kept.
 */
export function quotedStrings(bytes: Uint8Array): string[] {
  return decoder
    .decode(bytes)
    .split('"')
    .filter((piece) => piece.length > 0);
}
