/** Bus subjects. Symbols never contain dots, so they are safe as subject tokens. */
export const SUBJECTS = {
  marketUpdate: (symbol: string) => `md.update.${symbol}`,
  marketUpdates: 'md.update.>',
  /** Request { symbol } -> BookSnapshot. */
  marketSnapshot: 'md.snapshot',
  /** Request {} -> InstrumentSpec[]. */
  marketInstruments: 'md.instruments',
} as const;
