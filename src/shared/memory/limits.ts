// What a memory import accepts (docs/architecture.md §12.5). Real STM32 builds use a few percent of each.

/** Regions in a linker script's MEMORY block or a map's Memory Configuration table. */
export const MAX_REGIONS = 256;
/** Output sections placed in target memory by one map (`.text`, `.data`, …). */
export const MAX_OUTPUT_SECTIONS = 10_000;
/** Input sections listed by one map, all output sections together. */
export const MAX_INPUT_SECTIONS = 100_000;
/** Words and signs in a linker script's MEMORY block (a real one has a few hundred). */
export const MAX_BLOCK_TOKENS = 50_000;
/** Nesting of parentheses and signs in one linker script expression. */
export const MAX_EXPRESSION_DEPTH = 64;
/** The 32-bit address space: every region must lie inside it. */
export const ADDRESS_SPACE = 2 ** 32;
/** Lines (or characters, for the tokenizer: ×64) of work between two pauses of a sliced parse. */
export const LINES_PER_STEP = 2_000;
