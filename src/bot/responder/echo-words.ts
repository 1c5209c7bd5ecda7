/**
 * Vocabulary: what a user types to ask the protocol echo handler for its help (an empty mention
 * too). The engine's own help words are in chat/intent.ts; the echo handler stands apart from it.
 */
export const ECHO_HELP_WORDS: readonly string[] = ['', '帮助', '菜单'];
